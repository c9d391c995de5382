"""A link's full address for paper, as a value a translated sentence can hold."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def print_address(context, path: str) -> SafeString:
    """includes/print_address.html for `path`. `{% include %}` cannot be saved as a
    variable, and a sentence in `{% blocktranslate %}` can hold only variables; this keeps
    the address mid-sentence without putting its markup in the translator's text."""
    return render_to_string(
        "includes/print_address.html", {"site_url": context.get("site_url", ""), "path": path}
    )
