"""English as written in Britain: day before month (Django's `en` default is US order)."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"  # 14 November 2026
SHORT_DATE_FORMAT = "j F Y"  # 14 November 2026 (also in tables: never 11/14/2026)
YEAR_MONTH_FORMAT = "F Y"  # November 2026
