# Dutch: month abbreviations in lower case and without a capital (Django's "M" gives "Mei").
DATE_FORMAT = "j N Y"  # 25 nov 2026
DATETIME_FORMAT = "j N Y, H:i"  # 25 nov 2026, 09:55
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j N"  # 25 nov
YEAR_MONTH_FORMAT = "F Y"  # november 2026
TIME_FORMAT = "H:i"
WEEKDAY_DATETIME_FORMAT = "D j N, H:i"  # wo 25 nov, 09:55
SHORT_YEAR_MONTH_FORMAT = "N Y"  # nov 2026
WEEKDAY_DATE_FORMAT = "l j N Y"  # woensdag 25 nov 2026
