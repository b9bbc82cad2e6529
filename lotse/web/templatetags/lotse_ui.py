"""Template helpers for the KERN-based UI (docs/ui.md).

- `{% bidi_text value lang %}` / `{{ value|bidi:lang }}`: text in its own script and direction,
  isolated from the surrounding text (a person's name in Arabic script in a German sentence).
- `{% kern_field bound_field %}`: a form field with KERN markup (label, hint, error, input).
- `{{ message|alert_variant }}` / `{{ message|alert_role }}`: the KERN alert variant and the ARIA
  role for a Django message.
"""

import copy

from django import forms, template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Message level tag -> (KERN alert variant, title, ARIA role). Errors and warnings interrupt
# (role="alert"); everything else is announced politely (role="status").
_ALERTS = {
    "debug": ("info", _("Note"), "status"),
    "info": ("info", _("Note"), "status"),
    "success": ("success", _("Done"), "status"),
    "warning": ("warning", _("Warning"), "alert"),
    "error": ("danger", _("Error"), "alert"),
}


def _alert(message) -> tuple[str, str, str]:
    level_tag = getattr(message, "level_tag", "") or "info"
    return _ALERTS.get(level_tag, _ALERTS["info"])


@register.filter
def alert_variant(message) -> str:
    """The KERN alert variant (info, success, warning, danger) for a Django message."""
    return _alert(message)[0]


@register.filter
def alert_title(message) -> str:
    return str(_alert(message)[1])


@register.filter
def alert_role(message) -> str:
    return _alert(message)[2]


def _bidi(value, lang: str | None = None) -> str:
    if value is None or value == "":
        return ""
    if lang:
        return format_html('<bdi dir="auto" lang="{}">{}</bdi>', lang, value)
    return format_html('<bdi dir="auto">{}</bdi>', value)


@register.simple_tag
def bidi_text(value, lang: str | None = None) -> str:
    """Show `value` isolated in its own direction: `<bdi dir="auto" lang="…">`.

    `lang` is the BCP 47 code of the text's language if known ("ar", "fa", "ti"); the browser
    then picks the right font and screen readers the right voice. The direction follows the first
    strong character of the text, so Latin and Arabic names both show correctly on either an LTR
    or an RTL page, and punctuation around them stays where it belongs.
    """
    return _bidi(value, lang)


@register.filter
def bidi(value, lang: str | None = None) -> str:
    """Filter form of `bidi_text`: `{{ person.name|bidi:person.name_lang }}`."""
    return _bidi(value, lang)


def _field_kind(widget: forms.Widget) -> str:
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


_WIDGET_CLASS = {
    "input": "kern-form-input__input",
    "textarea": "kern-form-input__input",
    "select": "kern-form-input__select",
    "checkbox": "kern-form-check__checkbox",
}


@register.inclusion_tag("lotse/ui/field.html")
def kern_field(field: forms.BoundField, width: str = "") -> dict:
    """Render a bound form field the KERN way: label, hint, error message, input.

    The label is always visible (no placeholder-as-label); hint and error are tied to the input
    with aria-describedby, and an invalid input carries aria-invalid.
    """
    widget = field.field.widget
    kind = _field_kind(widget)
    if kind == "hidden":
        return {"kind": kind, "field": field, "widget_html": field.as_widget()}
    widget = copy.copy(widget)
    widget.attrs = {k: v for k, v in widget.attrs.items() if k != "placeholder"}
    css = [_WIDGET_CLASS[kind]]
    if field.errors:
        css.append(f"{_WIDGET_CLASS[kind]}--error")
    if width in {"2", "4"} and kind == "input":
        css.append(f"kern-form-input__input--width-{width}")
    attrs = {"class": " ".join(css)}
    described_by = []
    if field.help_text and field.auto_id:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors and field.auto_id:
        described_by.append(f"{field.auto_id}_error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return {
        "kind": kind,
        "field": field,
        "widget_html": field.as_widget(widget=widget, attrs=attrs),
    }
