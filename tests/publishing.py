"""Taking a page's draft live in tests, the way staff do: submit, approve, publish."""

from core.roles import CLINICAL_REVIEWER
from editorial import publishing
from tests.factories import make_staff


def sign_off_and_publish(page, *, by=None):
    """Submit the page's draft, have a clinical reviewer approve it, then publish it."""
    model = type(page)
    publishing.submit(model.objects.get(pk=page.pk), by=by)
    reviewer = make_staff(CLINICAL_REVIEWER.group)
    publishing.approve(model.objects.get(pk=page.pk), by=reviewer)
    return publishing.publish(model.objects.get(pk=page.pk), by=by, above_grade_ok=True)
