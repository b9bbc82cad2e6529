"""The administrators' tool for reference data and staff.

Administrators are not superusers: the policy grants them the admin permissions (rules), they see
only the staff of their own office, nothing is deleted (validity ends instead; users are
deactivated), and every change is written through a service, which asks the policy and writes
the audit event. Nothing here saves a model itself.

Four eyes: roles that reach person data (and any role for oneself) are requested, not granted,
until a second administrator approves them under "Role requests"; reference data of the Land
(Kreise, Gemeinden, offices, jurisdictions) is read-only for office administrators, and a Land
administrator's change waits under "Reference-data changes" for a second Land administrator.
"""

from contextvars import ContextVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lotse.access.policy import Action, decide, scope
from lotse.access.services import (
    REFERENCE_MODELS,
    USER_FIELDS,
    reference_change_approve,
    reference_change_refuse,
    reference_change_request,
    role_grant_approve,
    role_grant_refuse,
    team_save,
    user_create,
    user_set_password,
    user_set_roles,
    user_update,
)
from lotse.organisations.models import (
    Gemeinde,
    Jurisdiction,
    Kreis,
    Office,
    ReferenceChangeRequest,
    ReferenceTarget,
    RequestStatus,
    Role,
    RoleGrantRequest,
    Team,
    User,
)


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
        # Reverting an old version would save it directly, past the four eyes.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )


def _refuse_with_message(request, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


# --- reference data of the Land: requests, approved by a second Land administrator ----------
class ReferenceAdmin(NoDeleteMixin, VisibleHistoryMixin, SimpleHistoryAdmin):
    """A save becomes a ReferenceChangeRequest; nothing changes until another approves it."""

    target: ReferenceTarget

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if changes:
            reference_change_request(
                actor=request.user,
                target=self.target,
                object_id=obj.pk if change else None,
                changes=changes,
            )

    def save_related(self, request, form, formsets, change):
        # Many-to-many fields went into the request (save_model); inlines make their own.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def log_addition(self, request, obj, message):
        return None  # nothing was added yet: the request is in the audit trail

    def log_change(self, request, obj, message):
        return None

    def _pending_response(self, request):
        messages.success(
            request,
            gettext(
                "Your change has been requested. It takes effect when a second Land "
                "administrator approves it (Reference-data changes)."
            ),
        )
        return HttpResponseRedirect(
            reverse("admin:organisations_referencechangerequest_changelist")
        )

    def response_add(self, request, obj, post_url_continue=None):
        return self._pending_response(request)

    def response_change(self, request, obj):
        return self._pending_response(request)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            _refuse_with_message(request, error)
            return HttpResponseRedirect(request.get_full_path())


class JurisdictionInline(NoDeleteMixin, admin.TabularInline):
    model = Jurisdiction
    extra = 0
    autocomplete_fields = ["kreis"]


@admin.register(Kreis)
class KreisAdmin(ReferenceAdmin):
    target = ReferenceTarget.KREIS
    list_display = ["code", "name", "kind", "regierungsbezirk", "valid_from", "valid_to"]
    list_filter = ["kind", "regierungsbezirk"]
    search_fields = ["code", "name"]


@admin.register(Gemeinde)
class GemeindeAdmin(ReferenceAdmin):
    target = ReferenceTarget.GEMEINDE
    list_display = ["ags", "name", "kreis", "valid_from", "valid_to"]
    search_fields = ["ags", "name"]
    autocomplete_fields = ["kreis"]


@admin.register(Office)
class OfficeAdmin(ReferenceAdmin):
    target = ReferenceTarget.OFFICE
    list_display = ["name", "kind", "jobcenter_form", "kreis", "valid_from", "valid_to"]
    list_filter = ["kind", "jobcenter_form"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["kreis", "gemeinde"]
    filter_horizontal = ["predecessors"]
    inlines = [JurisdictionInline]

    def get_inlines(self, request, obj):
        # A new office's jurisdictions are requested once the office exists.
        return self.inlines if obj is not None else []

    def save_formset(self, request, form, formset, change):
        # Nothing is saved here: the admin's change message finds nothing new or changed.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline in formset.forms:
            if not inline.has_changed() or inline in formset.deleted_forms:
                continue
            changes = {name: inline.cleaned_data[name] for name in inline.changed_data}
            changes.pop("id", None)
            existing = inline.instance.pk
            if existing is None:
                changes["office"] = form.instance.pk
            reference_change_request(
                actor=request.user,
                target=ReferenceTarget.JURISDICTION,
                object_id=existing,
                changes=changes,
            )


# --- staff and teams of the administrator's own office ---------------------------------------
@admin.register(Team)
class TeamAdmin(NoDeleteMixin, VisibleHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "office", "active"]
    list_filter = ["active"]
    search_fields = ["name", "office__name"]

    def get_queryset(self, request):
        teams = super().get_queryset(request)
        if request.user.is_superuser:
            return teams
        return scope(request.user, Action.MANAGE_USERS, teams)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser and db_field.name == "office":
            kwargs["queryset"] = Office.objects.filter(pk=request.user.office_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        team_save(actor=request.user, team=obj, changed_fields=list(form.changed_data))


class RolesMixin(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Caseworker, team lead, data-protection officer and administrator, and every role "
            "for yourself, take effect only when a second administrator approves them."
        ),
    )


class StaffChangeForm(RolesMixin, UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["roles"] = sorted(self.instance.role_set)
            pending = RoleGrantRequest.objects.filter(
                user=self.instance, status=RequestStatus.PENDING
            )
            if pending:
                names = ", ".join(str(request.get_role_display()) for request in pending)
                field = self.fields["roles"]
                field.help_text = format_lazy(
                    "{} {}",
                    field.help_text,
                    gettext("Waiting for approval: %(roles)s.") % {"roles": names},
                )


class StaffCreationForm(RolesMixin, AdminUserCreationForm):
    pass


# The administrator changing a password (set by UserAdmin.user_change_password for its form).
_password_actor: ContextVar[User | None] = ContextVar("lotse_password_actor", default=None)


class StaffPasswordForm(AdminPasswordChangeForm):
    def set_password_and_save(self, user, commit=True, **kwargs):
        usable = self.cleaned_data.get("set_usable_password", True)
        password = self.cleaned_data["password1"] if usable else None
        return user_set_password(actor=_password_actor.get(), user=user, password=password)


@admin.register(User)
class UserAdmin(NoDeleteMixin, VisibleHistoryMixin, DjangoUserAdmin, SimpleHistoryAdmin):
    form = StaffChangeForm
    add_form = StaffCreationForm
    change_password_form = StaffPasswordForm
    list_display = ["username", "first_name", "last_name", "office", "team", "is_active"]
    list_filter = ["is_active", "office__kind"]
    search_fields = ["username", "first_name", "last_name", "email"]
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
        if request.user.is_superuser:
            return users
        return scope(request.user, Action.MANAGE_USERS, users)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser and db_field.name == "office":
            kwargs["queryset"] = Office.objects.filter(pk=request.user.office_id)
        if not request.user.is_superuser and db_field.name == "team":
            kwargs["queryset"] = Team.objects.filter(office_id=request.user.office_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def user_change_password(self, request, id, form_url=""):
        token = _password_actor.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _password_actor.reset(token)

    def save_model(self, request, obj, form, change):
        roles = form.cleaned_data.get("roles", [])
        if not change:
            data = form.cleaned_data
            created = user_create(
                actor=request.user,
                username=data["username"],
                office=data["office"],
                team=data.get("team"),
                roles=roles,
                password=data.get("password1") or None,
            )
            obj.pk = created.pk  # for the admin's redirect and log entry
            obj._state.adding = False
            return
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        user_update(
            actor=request.user,
            user=obj,
            changes={k: v for k, v in changes.items() if k in USER_FIELDS},
        )
        user_set_roles(actor=request.user, user=obj, roles=roles)
        if RoleGrantRequest.objects.filter(
            user=obj, requested_by=request.user, status=RequestStatus.PENDING
        ).exists():
            messages.warning(
                request,
                gettext(
                    "Requested roles take effect when a second administrator approves them "
                    "(Role requests)."
                ),
            )

    def save_related(self, request, form, formsets, change):
        pass  # a user has no related objects edited here (roles went through user_set_roles)


# --- deciding on requests: the second pair of eyes --------------------------------------------
DECISIONS = [("approve", _("Approve")), ("refuse", _("Refuse"))]


class DecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(label=_("decision"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you refuse."),
    )
    approve_action: Action

    class Meta:
        fields: list[str] = []

    def __init__(self, *args, actor: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor

    def clean(self):
        cleaned = super().clean()
        decision = decide(self.actor, self.approve_action, self.instance)
        if not decision:
            raise ValidationError(decision.reason)
        if cleaned.get("decision") == "refuse" and not cleaned.get("note", "").strip():
            self.add_error("note", gettext("Say why the request is refused."))
        return cleaned


class RoleDecisionForm(DecisionForm):
    approve_action = Action.APPROVE_ROLE_GRANT

    class Meta(DecisionForm.Meta):
        model = RoleGrantRequest


class ReferenceDecisionForm(DecisionForm):
    approve_action = Action.APPROVE_REFERENCE_CHANGE

    class Meta(DecisionForm.Meta):
        model = ReferenceChangeRequest


class RequestAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Pending requests, listed for the second administrator, who approves or refuses."""

    list_filter = ["status"]
    common_fields = ["status", "requested_by", "created_at", "reason"]
    decided_fields = ["decided_by", "decided_at", "decision_note"]

    def has_add_permission(self, request) -> bool:
        return False  # requests arise from the staff and reference-data pages

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.status != RequestStatus.PENDING:
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [*self.subject_fields, *self.common_fields, *self.decided_fields]

    def get_fields(self, request, obj=None):
        fields = [*self.subject_fields, *self.common_fields]
        if obj is not None and obj.status == RequestStatus.PENDING:
            return [*fields, "decision", "note"]
        return [*fields, *self.decided_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = ["decision", "note"] if self.has_change_permission(request, obj) else []
        form = super().get_form(request, obj, change, **kwargs)
        actor = request.user

        class BoundDecisionForm(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, actor=actor, **kw)

        return BoundDecisionForm

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("note", "")
        if form.cleaned_data["decision"] == "approve":
            self.approve(actor=request.user, request=obj, note=note)
        else:
            self.refuse(actor=request.user, request=obj, note=note)

    def save_related(self, request, form, formsets, change):
        pass

    def log_change(self, request, obj, message):
        return None  # the decision is in the audit trail

    def response_change(self, request, obj):
        messages.success(request, gettext("Your decision has been recorded."))
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        )


@admin.register(RoleGrantRequest)
class RoleGrantRequestAdmin(RequestAdmin):
    form = RoleDecisionForm
    list_display = ["user", "role", "status", "requested_by", "created_at"]
    subject_fields = ["user", "role"]
    approve = staticmethod(role_grant_approve)
    refuse = staticmethod(role_grant_refuse)

    def get_queryset(self, request):
        requests = super().get_queryset(request).select_related("user", "requested_by")
        if request.user.is_superuser or decide(request.user, Action.MANAGE_REFERENCE_DATA):
            return requests  # Land administrators decide for every office
        return requests.filter(user__office=request.user.office)


@admin.register(ReferenceChangeRequest)
class ReferenceChangeRequestAdmin(RequestAdmin):
    form = ReferenceDecisionForm
    list_display = ["__str__", "target", "status", "requested_by", "created_at"]
    list_filter = ["status", "target"]
    subject_fields = ["target", "current", "change_list"]
    approve = staticmethod(reference_change_approve)
    refuse = staticmethod(reference_change_refuse)

    @admin.display(description=_("now"))
    def current(self, request: ReferenceChangeRequest) -> str:
        model = REFERENCE_MODELS[request.target]
        if request.object_id is None:
            return gettext("(new)")
        return str(model.objects.filter(pk=request.object_id).first() or request.object_id)

    @admin.display(description=_("changes"))
    def change_list(self, request: ReferenceChangeRequest) -> str:
        model = REFERENCE_MODELS[request.target]
        obj = model.objects.filter(pk=request.object_id).first() if request.object_id else None
        rows = []
        for name, value in request.changes.items():
            field = model._meta.get_field(name)
            before = getattr(obj, field.attname, "") if obj is not None and field.concrete else ""
            if field.is_relation and not field.many_to_many and value is not None:
                value = str(field.related_model.objects.filter(pk=value).first() or value)
                before = str(getattr(obj, name, "") or "") if obj is not None else ""
            rows.append((field.verbose_name, before if before is not None else "", value))
        return format_html_join(
            mark_safe("<br>"), "{}: {} → {}", ((str(n), b or "–", v or "–") for n, b, v in rows)
        )
