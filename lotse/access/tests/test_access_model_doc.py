"""docs/access-model.md shows the policy's tables as the code has them."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lotse.access.management.commands.access_model import DOCUMENT, current, render


def test_the_generated_part_of_the_access_model_is_current():
    text = DOCUMENT.read_text(encoding="utf-8")
    assert current(text) == text, "run `manage.py access_model` and commit docs/access-model.md"
    call_command("access_model", "--check")


def test_the_generated_part_names_every_action_and_rule():
    from lotse.access.policy import CAPABILITIES, CATEGORY_RULE_ORDER, RULE_ORDER

    part = render()
    for action in CAPABILITIES:
        assert f"`{action.value}`" in part
    for name in (*RULE_ORDER, *CATEGORY_RULE_ORDER):
        assert f"`{name}`" in part
    assert "(not registered)" not in part  # every rule in the order is registered by its app


def test_a_stale_document_is_reported(tmp_path, monkeypatch):
    from lotse.access.management.commands import access_model

    stale = tmp_path / "access-model.md"
    stale.write_text(f"# x\n{access_model.BEGIN}\nold\n{access_model.END}\n", encoding="utf-8")
    monkeypatch.setattr(access_model, "DOCUMENT", stale)
    with pytest.raises(CommandError, match="not current"):
        call_command("access_model", "--check")
    call_command("access_model")
    assert "`person.view`" in stale.read_text(encoding="utf-8")
