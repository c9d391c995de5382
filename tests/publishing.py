"""Taking a procedure's draft live in tests, the way staff do: submit, approve, publish."""

from core.roles import CLINICAL_REVIEWER
from editorial import publishing
from procedures.models import Procedure
from tests.factories import make_staff


def sign_off_and_publish(procedure, *, by=None) -> Procedure:
    """Submit the page's draft, have a clinical reviewer approve it, then publish it."""
    publishing.submit(Procedure.objects.get(pk=procedure.pk), by=by)
    reviewer = make_staff(CLINICAL_REVIEWER.group)
    publishing.approve(Procedure.objects.get(pk=procedure.pk), by=reviewer)
    row = Procedure.objects.get(pk=procedure.pk)
    return publishing.publish(row, by=by, above_grade_ok=True)
