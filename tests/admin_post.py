"""Admin POSTs in tests: the status is asserted first, so a request that failed fails the test."""

import pytest


def admin_post(client, url: str, data, *, status: int = 302, **extra):
    """POST `data` to `url`; fail, showing the page's form errors, unless it answers `status`."""
    response = client.post(url, data, **extra)
    if response.status_code != status:
        pytest.fail(
            f"POST {url} answered {response.status_code}, expected {status}.\n"
            + form_errors(response)
        )
    return response


def form_errors(response) -> str:
    """The errors of each form on the page the server sent back, or the page's start."""
    context = response.context
    if not context:
        return response.content.decode(errors="replace")[:1000]
    found = []
    # An admin change page holds its form in adminform; other pages, such as sign-in, in form.
    form = context["adminform"].form if "adminform" in context else context.get("form")
    if form is not None:
        found.append(f"form: {form.errors.as_text() or 'no errors'}")
    for inline in context.get("inline_admin_formsets", ()):
        formset = inline.formset
        found.append(f"{formset.prefix}: {formset.errors} {formset.non_form_errors()}")
    return "\n".join(found) or "No forms on the page."
