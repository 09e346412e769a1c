"""One way to write a date per language (settings.FORMAT_MODULE_PATH), read before Django's
own formats: templates and code name a format ("DATE_FORMAT", "DATETIME_FORMAT",
"MONTH_DAY_FORMAT", ...) instead of spelling one out, so "25 nov 2026" in Dutch and
"25 Nov 2026" in English hold on every page.

Django looks a name up in these modules first, so the names of our own
(WEEKDAY_DATE_FORMAT, WEEKDAY_DATETIME_FORMAT, SHORT_YEAR_MONTH_FORMAT) work like its
own; every language in settings.LANGUAGES must define them (tests/test_formats.py checks)."""
