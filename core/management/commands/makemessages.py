"""Django's makemessages, reading only the site's own code and templates.

The staff pages (the admin) stay in English, so their templates are left out; so are the
tests, the tools and everything installed from elsewhere.
"""

from django.core.management.commands import makemessages

NOT_SITE_TEXT = [
    "node_modules",
    "staticfiles",
    "media",
    "tests",
    "benchmarks",
    "deploy",
    "docs",
    "templates/admin",
]


class Command(makemessages.Command):
    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *NOT_SITE_TEXT]
        # No line numbers: a catalogue that changes only when the text does.
        options["add_location"] = options["add_location"] or "file"
        return super().handle(*args, **options)
