"""Date and time formats per language (settings.FORMAT_MODULE_PATH). English keeps the house
style, day before month with a 24-hour clock ("28 November 2026, 14:30"), rather than
Django's American defaults; every other language uses Django's own formats for it (Spanish:
"28 de noviembre de 2026 a las 14:30"). Templates name a format (DATE_FORMAT,
DATETIME_FORMAT, SHORT_DATE_FORMAT, …) instead of spelling one out, so each language gets its
own word order, and the month and day names come translated."""
