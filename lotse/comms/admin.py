"""The letter templates in the admin: Land administrators maintain the texts per language.

A save goes through `letter_template_save`, which versions the text and writes the audit
event; nothing is deleted (a text no longer wanted is changed, its history kept). The list shows
which translations are out of date ("veraltet") and which a sworn translator has reviewed.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lotse.access.policy import Action, decide
from lotse.comms.models import LetterTemplate
from lotse.comms.templates import is_stale, letter_template_save


class LetterTemplateForm(forms.ModelForm):
    translates_current_german = forms.BooleanField(
        label=_("This translation matches the current German text"),
        required=False,
        help_text=_("Tick when the translation was brought up to date; clears 'veraltet'."),
    )

    class Meta:
        model = LetterTemplate
        fields = ["code", "language", "subject", "body", "courtesy_note", "reviewed"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(SimpleHistoryAdmin):
    form = LetterTemplateForm
    list_display = ["code", "language", "subject", "reviewed", "stale", "text_changed_at"]
    list_filter = ["code", "language", "reviewed"]
    readonly_fields = ["text_changed_at", "translates_german_of"]

    @admin.display(description=_("out of date (veraltet)"), boolean=True)
    def stale(self, obj: LetterTemplate) -> bool:
        return is_stale(obj)

    def _may(self, request) -> bool:
        return bool(decide(request.user, Action.MANAGE_REFERENCE_DATA))

    def has_module_permission(self, request) -> bool:
        return self._may(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._may(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may(request)

    def has_add_permission(self, request) -> bool:
        return self._may(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    # simple_history looks the object up before it asks for permission: ask first.
    def history_view(self, request, object_id, extra_context=None):
        if not self._may(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting to an old version would save it past letter_template_save (no audit event).
        if not self._may(request) or request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )

    def save_model(self, request, obj, form, change) -> None:
        letter_template_save(
            actor=request.user,
            template=obj,
            translates_current_german=form.cleaned_data.get("translates_current_german", False),
        )
