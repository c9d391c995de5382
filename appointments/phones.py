"""Phone numbers: read as patients write them, kept in E.164, shown the way the front desk dials.

An extension ("202 555 0143 ext 5") is kept after the number as RFC 3966 writes it
(+12025550143;ext=5), which is also what a tel: link carries.
"""

import phonenumbers
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

# The international prefix most of the world dials; US phones use 011, which phonenumbers
# already knows for the US region, so only 00 needs help there.
INTERNATIONAL_PREFIX = "00"


def parse_phone(raw: str) -> str | None:
    """The number in E.164 (+12025550143), with its extension if it has one
    (+12025550143;ext=5), or None when it is not a number we could call.

    A number without a country code is read as one from PHONE_REGION. Another country's
    number needs its code, written with + or 00 (+44 20 7946 0958, 0044 20 7946 0958).
    """
    text = raw.strip()
    if text.startswith(INTERNATIONAL_PREFIX):
        text = "+" + text.removeprefix(INTERNATIONAL_PREFIX)
    try:
        number = phonenumbers.parse(text, settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


def readable_phone(e164: str) -> str:
    """(202) 555-0143 for a number of PHONE_REGION; +44 20 7946 0958 for any other; either
    with " ext. 5" after it when it has an extension."""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164  # Not a stored E.164 number: show it as it is rather than fail.
    if phonenumbers.region_code_for_number(number) == settings.PHONE_REGION:
        style = phonenumbers.PhoneNumberFormat.NATIONAL
    else:
        style = phonenumbers.PhoneNumberFormat.INTERNATIONAL
    extension, number.extension = number.extension, None
    # Written the same way whatever the country (phonenumbers writes " x7" for some).
    return phonenumbers.format_number(number, style) + (f" ext. {extension}" if extension else "")


def phone_link(e164: str) -> SafeString:
    """The readable number as a tel: link; the href keeps E.164, which dials from anywhere."""
    return format_html('<a href="tel:{}">{}</a>', e164, readable_phone(e164))
