"""How dates and numbers read in Spanish: "7 de diciembre de 2026", with the 12-hour clock
and the decimal point that Spanish speakers in the US are used to (as in Mexico)."""

DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, g:i a"
SHORT_DATE_FORMAT = "d/m/Y"
# Typed dates (a plan's date without a date picker): day/month/year, as Spanish writes them.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
SHORT_DATETIME_FORMAT = "d/m/Y g:i a"
MONTH_DAY_FORMAT = r"j \d\e F"
YEAR_MONTH_FORMAT = r"F \d\e Y"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
