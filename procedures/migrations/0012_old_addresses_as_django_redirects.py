from django.conf import settings
from django.db import migrations


def to_django_redirects(apps, schema_editor):
    """Every old address keeps answering with a 301, now kept by django.contrib.redirects."""
    Site = apps.get_model("sites", "Site")
    Redirect = apps.get_model("redirects", "Redirect")
    site, _ = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "example.com", "name": "example.com"}
    )
    for old in apps.get_model("procedures", "PageRedirect").objects.all():
        Redirect.objects.update_or_create(
            site=site, old_path=old.old_path, defaults={"new_path": old.new_path}
        )


def to_page_redirects(apps, schema_editor):
    PageRedirect = apps.get_model("procedures", "PageRedirect")
    for redirect in apps.get_model("redirects", "Redirect").objects.filter(site=settings.SITE_ID):
        PageRedirect.objects.update_or_create(
            old_path=redirect.old_path, defaults={"new_path": redirect.new_path}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0011_reviewers_named_not_usernames"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        migrations.RunPython(to_django_redirects, to_page_redirects),
        migrations.DeleteModel(name="PageRedirect"),
    ]
