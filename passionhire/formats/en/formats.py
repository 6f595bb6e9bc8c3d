"""English, the house style: day before month, a 24-hour clock."""

DATE_FORMAT = "j F Y"  # 28 November 2026
DATETIME_FORMAT = "j F Y, H:i"  # 28 November 2026, 14:30
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "j M Y"  # 28 Nov 2026
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","  # written only where asked for (counts in messages), not by default
NUMBER_GROUPING = 3
