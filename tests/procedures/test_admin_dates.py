"""One date format across the admin: "December 7, 2026" to read, as on the public pages,
and month/day/year to type, as in the patient's plan."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from core.roles import CLINICAL_REVIEWER, CONTENT_EDITOR
from tests.factories import admin_form_values, make_condition, make_procedure, make_staff

# Any other way of writing a date: 2026-12-07, 7 December 2026, Dec. 7, 2026, 12/07/2026.
OTHER_DATES = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} [A-Z][a-z]+ \d{4}\b|\b[A-Z][a-z]{2}\. \d{1,2}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b"
)
US_DATE = re.compile(r"\b[A-Z][a-z]+ \d{1,2}, \d{4}\b")


@pytest.mark.django_db
def test_every_date_on_the_editors_pages_is_written_one_way():
    client = Client()
    staff = make_staff(CONTENT_EDITOR.group, "editor")
    staff.groups.add(*make_staff(CLINICAL_REVIEWER.group, "other").groups.all())
    client.force_login(staff)
    procedure = make_procedure(before="Live words.")
    make_condition()
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    values = admin_form_values(client.get(change).content.decode())
    client.post(change, {**values, "before": "Draft words.", "_continue": "1"})
    pages = [
        reverse("admin:index"),
        reverse("admin:procedures_procedure_changelist"),
        reverse("admin:procedures_condition_changelist"),
        change,
        reverse("admin:procedures_procedure_versions", args=[procedure.pk]),
    ]
    dates, boxes = [], []
    for address in pages:
        page = BeautifulSoup(client.get(address).content, "html.parser")
        # What staff type, and the help on how to type it, are month/day/year.
        boxes += [box.extract().get_text() for box in page.select("textarea")]
        helps = [help.extract().get_text() for help in page.select(".help")]
        assert not any(OTHER_DATES.search(help) for help in helps if "11/21/2026" not in help)
        text = page.get_text(" ")
        assert not OTHER_DATES.findall(text), address
        dates += US_DATE.findall(text)
    assert len(dates) >= 5, dates
    sources = next(box for box in boxes if "https://" in box)
    assert re.findall(r"\| (\S+)$", sources, re.MULTILINE) == ["11/21/2026", "11/21/2026"]
