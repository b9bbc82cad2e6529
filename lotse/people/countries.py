"""Countries used for nationality and country of birth (ISO 3166-1 alpha-3, ICAO codes for
stateless and unknown). The list holds the main countries of origin of 2015–2025 and their
neighbours; extend it here when a new one is needed."""

from django.utils.translation import gettext_lazy as _

COUNTRIES = [
    ("AFG", _("Afghanistan")),
    ("ALB", _("Albania")),
    ("ARM", _("Armenia")),
    ("AZE", _("Azerbaijan")),
    ("BGD", _("Bangladesh")),
    ("BIH", _("Bosnia and Herzegovina")),
    ("BLR", _("Belarus")),
    ("COD", _("Congo (Democratic Republic)")),
    ("DEU", _("Germany")),
    ("DZA", _("Algeria")),
    ("EGY", _("Egypt")),
    ("ERI", _("Eritrea")),
    ("ETH", _("Ethiopia")),
    ("GEO", _("Georgia")),
    ("GIN", _("Guinea")),
    ("GMB", _("Gambia")),
    ("IRN", _("Iran")),
    ("IRQ", _("Iraq")),
    ("JOR", _("Jordan")),
    ("KOS", _("Kosovo")),
    ("LBN", _("Lebanon")),
    ("LBY", _("Libya")),
    ("MAR", _("Morocco")),
    ("MDA", _("Moldova")),
    ("MKD", _("North Macedonia")),
    ("NGA", _("Nigeria")),
    ("PAK", _("Pakistan")),
    ("PSE", _("Palestine")),
    ("RUS", _("Russia")),
    ("SDN", _("Sudan")),
    ("SOM", _("Somalia")),
    ("SRB", _("Serbia")),
    ("SSD", _("South Sudan")),
    ("SYR", _("Syria")),
    ("TUN", _("Tunisia")),
    ("TUR", _("Türkiye")),
    ("UKR", _("Ukraine")),
    ("VEN", _("Venezuela")),
    ("YEM", _("Yemen")),
    ("XXA", _("stateless")),
    ("XXX", _("unknown")),
]
COUNTRY_NAMES = dict(COUNTRIES)

LANGUAGES = [
    ("ar", _("Arabic")),
    ("fa", _("Persian (Farsi)")),
    ("prs", _("Dari")),
    ("ps", _("Pashto")),
    ("ti", _("Tigrinya")),
    ("ku", _("Kurdish (Kurmanji)")),
    ("ckb", _("Kurdish (Sorani)")),
    ("so", _("Somali")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("ka", _("Georgian")),
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
]
LANGUAGE_NAMES = dict(LANGUAGES)
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ckb"})
