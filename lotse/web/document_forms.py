"""The forms of a person's documents. They only parse input; the checks of the file (type by
content, size, a PDF's active content) and of the fields are the service's, whose messages the
view puts on the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.documents.models import REASON_MAX, TITLE_MAX, DocumentCategory, DocumentKind
from lotse.people.countries import COUNTRIES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_BLANK: list[tuple[str, object]] = [("", "")]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of document"), choices=_BLANK + list(DocumentKind.choices)
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A PDF or a photo (JPEG, PNG, TIFF, HEIC), at most %(size)s MB. A PDF with "
            "JavaScript or other executable content is not accepted."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/tiff"}
        ),
    )
    issued_on = forms.DateField(
        label=_("Issued on"),
        help_text=_("Leave empty if the date is unknown."),
        required=False,
        widget=DATE,
    )
    issuer = forms.CharField(
        label=_("Issued by"),
        help_text=_("For example the BAMF, the school or the chamber."),
        required=False,
        max_length=TITLE_MAX,
    )
    country = forms.ChoiceField(label=_("Country"), choices=[*_BLANK, *COUNTRIES], required=False)
    title = forms.CharField(label=_("Title or description"), required=False, max_length=TITLE_MAX)
    category = forms.ChoiceField(
        label=_("Data category"),
        help_text=_(
            "Decides which offices may see the document. Leave empty for the usual category "
            "of its kind (identity papers: identity; residence documents and BAMF decisions: "
            "status; certificates: profile; medical certificates: health)."
        ),
        choices=_BLANK + list(DocumentCategory.choices),
        required=False,
    )

    def __init__(self, *args, max_megabytes: str = "10", **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = str(self.fields["file"].help_text) % {"size": max_megabytes}
        # The length is checked by the service, with its message (never cut).
        for name in ("issuer", "title"):
            field = self.fields[name]
            assert isinstance(field, forms.CharField)
            field.max_length = None
            field.validators = []
            self.fields[name].widget.attrs.pop("maxlength", None)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the document withdrawn?"),
        help_text=_("For example: uploaded for the wrong person, or no longer valid."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX,
        required=False,
    )
