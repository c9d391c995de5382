"""How dates read on the site and in the admin: US style with the month as a word, so
"December 16, 2026" everywhere, never "16 December 2026" or "Dec. 16"."""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i a"
SHORT_DATE_FORMAT = "m/d/Y"
SHORT_DATETIME_FORMAT = "m/d/Y g:i a"
MONTH_DAY_FORMAT = "F j"
YEAR_MONTH_FORMAT = "F Y"
