"""The front desk's CSV export: one row per callback request, safe to open in a spreadsheet."""

import csv
import io
import unicodedata

from django.utils import timezone

from appointments.phones import readable_phone
from core.roles import staff_name

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = (
    "Reference",
    "Received",
    "Name",
    "Phone",
    "Email",
    "Best time",
    "Language",
    "Interpreter",
    "Contact needs",
    "Treatment",
    "Referral",
    "Recent MRI or CT",
    "Message",
    "Status",
    "Assigned to",
)


def callbacks_csv(callbacks) -> bytes:
    """The file: the header, then a row for each request (load procedure and assigned_to with
    them), in UTF-8 with a byte order mark."""
    text = to_csv(HEADER, (callback_row(callback) for callback in callbacks))
    # Excel takes a CSV file for UTF-8 only when it starts with the byte order mark; without
    # it "María López" opens as "MarÃ­a LÃ³pez".
    return text.encode("utf-8-sig")


def callback_row(callback) -> list:
    return [
        callback.reference,
        timezone.localtime(callback.created_at).strftime("%Y-%m-%d %H:%M"),
        callback.full_name,
        # As the admin shows it. A number from another country starts with +, so safe_cell
        # marks it as text like any other cell: a spreadsheet would read it as a sum.
        readable_phone(callback.phone),
        callback.email,
        callback.best_time(),
        callback.language_name,
        "Yes" if callback.needs_interpreter else "No",
        "; ".join(need.flag for need in callback.contact_needs),
        callback.treatment,
        callback.get_has_referral_display(),
        callback.get_has_imaging_display(),
        callback.message,
        callback.get_status_display(),
        staff_name(callback.assigned_to),
    ]


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    # Spreadsheets read the fullwidth and small forms (＝, ＋, ﹦…) as the plain sign too;
    # compatibility normalising the first character folds each into the sign it stands for.
    first = unicodedata.normalize("NFKC", text[:1])
    return "'" + text if first.startswith(FORMULA_STARTS) else text


def to_csv(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()
