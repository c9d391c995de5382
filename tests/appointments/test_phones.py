"""Phone numbers: read as patients write them, kept in E.164, shown as the front desk dials."""

import pytest

from appointments.phones import parse_phone, phone_link, readable_phone


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("(202) 555-0143", "+12025550143"),
        ("202.555.0143", "+12025550143"),
        ("+1 202 555 0143", "+12025550143"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("011 44 20 7946 0958", "+442079460958"),
        (" +33 1 23 45 67 89 ", "+33123456789"),
        ("202 555 0143 ext 5", "+12025550143;ext=5"),
        ("(202) 555-0143 x 12", "+12025550143;ext=12"),
        ("202-555-0143, extension 345", "+12025550143;ext=345"),
        ("+44 20 7946 0958 ext. 7", "+442079460958;ext=7"),
    ],
)
def test_national_numbers_and_numbers_with_a_country_code_are_read(written, stored):
    assert parse_phone(written) == stored


@pytest.mark.parametrize("written", ["12345", "020 7946 0958", "0044", "+44 12", "call me", ""])
def test_what_we_could_not_call_is_refused(written):
    # A British number without its country code is not a US number either.
    assert parse_phone(written) is None


def test_national_numbers_of_another_region_need_no_country_code(settings):
    settings.PHONE_REGION = "GB"
    assert parse_phone("020 7946 0958") == "+442079460958"
    assert parse_phone("(202) 555-0143") is None


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+12025550143", "(202) 555-0143"),
        ("+442079460958", "+44 20 7946 0958"),
        # Canada shares +1 but is another country: international, so nobody misdials.
        ("+14165550123", "+1 416-555-0123"),
        ("+12025550143;ext=5", "(202) 555-0143 ext. 5"),
        ("+442079460958;ext=7", "+44 20 7946 0958 ext. 7"),
    ],
)
def test_numbers_are_shown_nationally_at_home_and_internationally_otherwise(stored, shown):
    assert readable_phone(stored) == shown


def test_the_home_format_follows_the_phone_region(settings):
    settings.PHONE_REGION = "GB"
    assert readable_phone("+442079460958") == "020 7946 0958"
    assert readable_phone("+12025550143") == "+1 202-555-0143"


def test_a_number_that_is_not_e164_is_shown_as_it_is():
    assert readable_phone("not a number") == "not a number"


def test_the_link_dials_e164_and_reads_nationally():
    assert phone_link("+12025550143") == '<a href="tel:+12025550143">(202) 555-0143</a>'


def test_the_link_to_a_number_with_an_extension_carries_it():
    assert phone_link("+12025550143;ext=5") == (
        '<a href="tel:+12025550143;ext=5">(202) 555-0143 ext. 5</a>'
    )
