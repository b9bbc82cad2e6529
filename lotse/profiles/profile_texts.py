# ruff: noqa: E501 - translated texts: a sentence is kept on one line for the translator
"""The fixed texts of the printed profile, in the active language (call under
`translation.override`): gettext messages with the context "profile document", translated in the
catalogues of the document languages (lotse/consent/form_texts.py DOCUMENT_LANGUAGES). The values
themselves (occupations, certificates, levels) are printed in German, marked lang="de", as the
recognition bodies and employers read them. German is authoritative; a translated page says so.
"""

from django.utils.translation import pgettext


def profile_texts() -> dict[str, str]:
    return {
        "title": pgettext("profile document", "Profile: school, training, work and languages"),
        "translation_note": pgettext(
            "profile document", "Translation. The German version is authoritative."
        ),
        "intro": pgettext(
            "profile document",
            "What the offices have recorded about my school, training, work experience and language skills, each with its source. For an employer or a recognition body.",
        ),
        "name": pgettext("profile document", "Name"),
        "birth": pgettext("profile document", "Date of birth"),
        "schooling": pgettext("profile document", "School"),
        "training": pgettext("profile document", "Vocational training"),
        "work": pgettext("profile document", "Work experience"),
        "qualification": pgettext("profile document", "Foreign qualifications and recognition"),
        "languages": pgettext("profile document", "Languages"),
        "driving_licence": pgettext("profile document", "Driving licence"),
        "mobility": pgettext("profile document", "Mobility"),
        "skills": pgettext("profile document", "Listening, reading, speaking, writing"),
        "source": pgettext("profile document", "Source"),
        "none": pgettext("profile document", "Nothing recorded."),
        "years": pgettext("profile document", "years"),
        "printed_by": pgettext("profile document", "Printed by"),
    }
