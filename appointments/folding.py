"""Names as the front desk's search compares them: no accents, no case ("María" → "maria")."""

import unicodedata

# Letters that carry their mark in the letter itself, so decomposing cannot take it off.
_WHOLE_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)


def fold(text: str) -> str:
    """`text` in lower case without accents or compatibility forms, the same on every database:
    "López" → "lopez", "Søren" → "soren", "ＪＯＳÉ" → "jose", "Straße" → "strasse"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_WHOLE_LETTERS)
