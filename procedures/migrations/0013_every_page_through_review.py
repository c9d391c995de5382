"""Conditions, options, comparisons and glossary terms get the procedures' drafts and status.

Every page of those kinds was live before, so each starts published; a procedure's draft
becomes a draft of any kind of page.
"""

import django.db.models.deletion
from django.db import migrations, models

NEW_KINDS = ("condition", "option", "comparison", "glossaryterm")
STATUS_CHOICES = [("draft", "Draft"), ("published", "Published")]


def live_pages_stay_live(apps, schema_editor):
    """Their first publication is their last save, and their latest version is the live one."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("procedures", "Revision")
    for name in NEW_KINDS:
        model = apps.get_model("procedures", name)
        page_type, _ = ContentType.objects.get_or_create(app_label="procedures", model=name)
        for page in model.objects.all():
            latest = Revision.objects.filter(page_type=page_type, page_id=page.pk).order_by(
                "-created_at", "-pk"
            ).first()
            model.objects.filter(pk=page.pk).update(published_at=page.updated_at,
                                                    live_version=latest)


def refuse_to_lose_pages(apps, schema_editor):
    """Before this migration every such page was public and none had a draft: going back
    would publish pages no clinician approved, or lose an editor's work."""
    Draft = apps.get_model("procedures", "Draft")
    unpublished = [
        name for name in NEW_KINDS
        if apps.get_model("procedures", name).objects.exclude(status="published").exists()
    ]
    if unpublished or Draft.objects.exclude(page_type__model="procedure").exists():
        raise RuntimeError(
            "Cannot go back: some conditions, options, comparisons or glossary terms are "
            "unpublished or have drafts. Publish or delete them first."
        )


def drafts_name_their_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Draft = apps.get_model("procedures", "Draft")
    page_type, _ = ContentType.objects.get_or_create(app_label="procedures", model="procedure")
    Draft.objects.update(page_type=page_type, page_id=models.F("procedure_id"))


def drafts_name_their_procedure(apps, schema_editor):
    Draft = apps.get_model("procedures", "Draft")
    Draft.objects.update(procedure_id=models.F("page_id"))


def status_field(default):
    return models.CharField(
        choices=STATUS_CHOICES,
        default=default,
        help_text="Only staff can see a draft, in the preview.",
        max_length=10,
    )


def new_kind_fields(name):
    return [
        migrations.AddField(name, "status", status_field("published")),
        migrations.AlterField(name, "status", status_field("draft")),
        migrations.AddField(
            name,
            "published_at",
            models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When the page was first published.",
                null=True,
            ),
        ),
        migrations.AddField(
            name,
            "live_version",
            models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="procedures.revision",
            ),
        ),
        migrations.AddConstraint(
            name,
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]),
                name=f"{name}_status_valid",
            ),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("procedures", "0012_old_addresses_as_django_redirects"),
    ]

    operations = [
        *(operation for name in NEW_KINDS for operation in new_kind_fields(name)),
        migrations.RunPython(live_pages_stay_live, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="procedure",
            options={
                "ordering": ["title"],
                "permissions": [("review_procedure", "Can approve clinical changes to pages")],
            },
        ),
        migrations.AlterField(
            "draft",
            "procedure",
            models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="draft",
                to="procedures.procedure",
            ),
        ),
        migrations.AddField(
            "draft",
            "page_type",
            models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField("draft", "page_id", models.PositiveIntegerField(null=True)),
        migrations.RunPython(drafts_name_their_page, drafts_name_their_procedure),
        migrations.RemoveField("draft", "procedure"),
        migrations.AlterField(
            "draft",
            "page_type",
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
            ),
        ),
        migrations.AlterField("draft", "page_id", models.PositiveIntegerField()),
        migrations.AddConstraint(
            "draft",
            models.UniqueConstraint(fields=("page_type", "page_id"), name="one_draft_per_page"),
        ),
        # Last, so that going back checks first, while every page and draft is as it is now.
        migrations.RunPython(migrations.RunPython.noop, refuse_to_lose_pages),
    ]
