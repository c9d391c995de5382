"""The CSV export marks as text every cell a spreadsheet would run as a formula."""

import csv
import io

import pytest
from django.urls import reverse

from appointments.csv_export import safe_cell
from core.roles import FRONT_DESK
from tests.factories import make_callback, make_staff


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        '＝HYPERLINK("http://evil.example")',
        "＋1",
        "－1",
        "＠SUM(A1)",
        "﹦1",
        "﹢1",
        "﹣1",
        "﹫1",
    ],
)
def test_a_cell_that_starts_like_a_formula_is_written_as_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Ada", "", "2 = two", "−1 (a minus sign)", "１ fullwidth one"])
def test_other_cells_are_written_as_they_are(text):
    assert safe_cell(text) == text


@pytest.mark.django_db
def test_the_export_marks_fullwidth_formula_signs_as_text(client):
    client.force_login(make_staff(FRONT_DESK.group))
    make_callback(full_name='＝HYPERLINK("http://evil.example")', message="＠SUM(A1)")
    response = client.get(reverse("admin:appointments_callbackrequest_export"))
    assert response.status_code == 200
    header, row = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    cells = dict(zip(header, row, strict=True))
    assert cells["Name"] == '\'＝HYPERLINK("http://evil.example")'
    assert cells["Message"] == "'＠SUM(A1)"


@pytest.mark.django_db
def test_the_export_is_utf8_with_a_byte_order_mark_so_excel_keeps_accents(client):
    client.force_login(make_staff(FRONT_DESK.group))
    make_callback(full_name="María López", message="=1+1")
    response = client.get(reverse("admin:appointments_callbackrequest_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content
    assert body.startswith(b"\xef\xbb\xbfReference,")
    assert body.count(b"\xef\xbb\xbf") == 1
    assert "María López".encode() in body
    # Still formula-safe: a cell that starts with = is written as text.
    assert b",'=1+1," in body
