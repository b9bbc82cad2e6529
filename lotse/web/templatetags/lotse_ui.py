"""Template helpers for the KERN-based UI (docs/ui.md).

- `{% bidi_text value lang %}` / `{{ value|bidi:lang }}`: text in its own script and direction,
  isolated from the surrounding text (a person's name in Arabic script in a German sentence).
- `{% kern_field bound_field %}`: a form field with KERN markup (label, "optional" when it is,
  hint, error, input); a group of radio buttons or checkboxes as a fieldset (`choices.html`).
- `{% error_summary form formset … %}`: the error summary at the top of a form, one link per
  error to its field, errors of no field listed too; the page's script focuses it.
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
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
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
    if kind == "choices":
        return {"kind": kind, "field": field}
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


def field_anchor(field: forms.BoundField) -> str:
    """The id the error summary links to: the input, or the first of a group of choices."""
    widget = field.field.widget
    if widget.is_hidden:
        return ""
    id_ = widget.attrs.get("id") or field.auto_id
    if not id_:
        return ""
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{id_}_0"
    if isinstance(widget, forms.MultiWidget):
        return widget.id_for_label(id_)
    return id_


def _form_entries(form: forms.BaseForm) -> list[dict]:
    if not form.is_bound or form.is_valid():
        return []
    entries = [{"anchor": "", "label": "", "message": m} for m in form.non_field_errors()]
    for name in form.fields:
        if name not in form.errors:
            continue
        field = form[name]
        label = "" if field.field.widget.is_hidden else field.label
        entries += [
            {"anchor": field_anchor(field), "label": label, "message": message}
            for message in field.errors
        ]
    # Errors added to a name that is not a field (a service's error key) are not lost either.
    for name, messages in form.errors.items():
        if name not in form.fields and name != forms.forms.NON_FIELD_ERRORS:
            entries += [{"anchor": "", "label": "", "message": m} for m in messages]
    return entries


def error_summary_entries(*forms_) -> list[dict]:
    """The summary's entries of forms and formsets, in the order of their fields."""
    entries = []
    for form in forms_:
        if isinstance(form, forms.BaseFormSet):
            if not form.is_bound:
                continue
            form.is_valid()
            entries += [{"anchor": "", "label": "", "message": m} for m in form.non_form_errors()]
            for row in form.forms:
                entries += _form_entries(row)
        elif isinstance(form, forms.BaseForm):
            entries += _form_entries(form)
    return entries


@register.inclusion_tag("lotse/ui/error_summary.html")
def error_summary(*forms_) -> dict:
    """The KERN error summary at the top of a form: one entry per error, linked to its field.

    `{% error_summary form %}` or `{% error_summary form formset %}`; nothing when no form was
    sent or all are valid. It carries tabindex="-1" and data-error-summary: lotse/forms.js moves
    the focus to it when the page (or an htmx swap) brings it.
    """
    return {"entries": error_summary_entries(*forms_)}
