"""`makemessages`, without guessed translations in the catalogues of the document languages.

The languages the printed documents come in but the interface does not (ar, fa, uk, tr, ti:
`DOCUMENT_LANGUAGES` without settings.LANGUAGES) translate only the documents' texts; their
catalogues hold every other message untranslated. gettext's fuzzy matching would fill those with
the translation of some similar document text ("decision" from "Precision") for a translator to
confirm by mistake, so it is switched off there. The interface's catalogues (de, en) are merged
as Django merges them. Everything else is Django's command (docs/consent.md).
"""

from django.conf import settings
from django.core.management.commands import makemessages

from lotse.consent.form_texts import DOCUMENT_LANGUAGES


class Command(makemessages.Command):
    def write_po_file(self, potfile, locale):
        options = self.msgmerge_options
        if locale in DOCUMENT_LANGUAGES and locale not in dict(settings.LANGUAGES):
            self.msgmerge_options = [*options, "--no-fuzzy-matching"]
        try:
            super().write_po_file(potfile, locale)
        finally:
            self.msgmerge_options = options
