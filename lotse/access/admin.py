"""The administrators' tool for reference data and staff.

Administrators are not superusers: the policy grants them the admin permissions (rules), they see
only the staff of their own office, nothing is deleted (validity ends instead; users are
deactivated), and every change is written through a service with its audit event.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lotse.access.services import reference_data_save, user_record_change, user_set_roles
from lotse.organisations.models import Gemeinde, Jurisdiction, Kreis, Office, Role, Team, User


class NoDeleteMixin:
    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class VisibleHistoryMixin:
    """simple_history shows (and reverts) the history of any object id, falling back to the
    history table for objects outside get_queryset(): here, staff and teams of other offices.
    Only the history of objects the administrator can see is shown."""

    def _require_visible(self, request, object_id) -> None:
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )


class ReferenceAdmin(NoDeleteMixin, VisibleHistoryMixin, SimpleHistoryAdmin):
    def save_model(self, request, obj, form, change):
        reference_data_save(actor=request.user, obj=obj, changed_fields=list(form.changed_data))


class JurisdictionInline(NoDeleteMixin, admin.TabularInline):
    model = Jurisdiction
    extra = 0
    autocomplete_fields = ["kreis"]


@admin.register(Kreis)
class KreisAdmin(ReferenceAdmin):
    list_display = ["code", "name", "kind", "regierungsbezirk", "valid_from", "valid_to"]
    list_filter = ["kind", "regierungsbezirk"]
    search_fields = ["code", "name"]


@admin.register(Gemeinde)
class GemeindeAdmin(ReferenceAdmin):
    list_display = ["ags", "name", "kreis", "valid_from", "valid_to"]
    search_fields = ["ags", "name"]
    autocomplete_fields = ["kreis"]


@admin.register(Office)
class OfficeAdmin(ReferenceAdmin):
    list_display = ["name", "kind", "jobcenter_form", "kreis", "valid_from", "valid_to"]
    list_filter = ["kind", "jobcenter_form"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["kreis", "gemeinde"]
    filter_horizontal = ["predecessors"]
    inlines = [JurisdictionInline]

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            reference_data_save(actor=request.user, obj=obj, changed_fields=["jurisdiction"])


@admin.register(Team)
class TeamAdmin(ReferenceAdmin):
    list_display = ["name", "office", "active"]
    list_filter = ["active"]
    search_fields = ["name", "office__name"]
    autocomplete_fields = ["office"]

    def get_queryset(self, request):
        teams = super().get_queryset(request)
        return teams if request.user.is_superuser else teams.filter(office=request.user.office)


class RolesMixin(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class StaffChangeForm(RolesMixin, UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["roles"] = sorted(self.instance.role_set)


class StaffCreationForm(RolesMixin, AdminUserCreationForm):
    pass


@admin.register(User)
class UserAdmin(NoDeleteMixin, VisibleHistoryMixin, DjangoUserAdmin, SimpleHistoryAdmin):
    form = StaffChangeForm
    add_form = StaffCreationForm
    list_display = ["username", "first_name", "last_name", "office", "team", "is_active"]
    list_filter = ["is_active", "office__kind"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["office", "team"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Work"), {"fields": ["office", "team", "roles", "is_active"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2", "office", "team", "roles"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(office=request.user.office)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser and db_field.name == "office":
            kwargs["queryset"] = Office.objects.filter(pk=request.user.office_id)
        if not request.user.is_superuser and db_field.name == "team":
            kwargs["queryset"] = Team.objects.filter(office_id=request.user.office_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        user_record_change(actor=request.user, user=obj, changed_fields=list(form.changed_data))
        user_set_roles(actor=request.user, user=obj, roles=form.cleaned_data.get("roles", []))
