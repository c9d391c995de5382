"""Lists kept one per line (other names and billing codes were separated by ';'), and
versions that belong to any kind of page, so conditions get them too."""

import django.db.models.deletion
from django.db import migrations, models


def semicolons_to_lines(apps, schema_editor):
    Procedure = apps.get_model("procedures", "Procedure")
    for procedure in Procedure.objects.all():
        for name in ("other_names", "billing_codes"):
            items = [item.strip() for item in getattr(procedure, name).split(";")]
            setattr(procedure, name, "\n".join(item for item in items if item))
        procedure.save(update_fields=["other_names", "billing_codes"])


def lines_to_semicolons(apps, schema_editor):
    Procedure = apps.get_model("procedures", "Procedure")
    for procedure in Procedure.objects.all():
        for name in ("other_names", "billing_codes"):
            setattr(procedure, name, "; ".join(getattr(procedure, name).splitlines()))
        procedure.save(update_fields=["other_names", "billing_codes"])


def revisions_to_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("procedures", "Revision")
    procedure_type, _ = ContentType.objects.get_or_create(app_label="procedures", model="procedure")
    for revision in Revision.objects.all():
        revision.page_type_id = procedure_type.pk
        revision.page_id = revision.procedure_id
        revision.save(update_fields=["page_type", "page_id"])


def revisions_to_procedures(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("procedures", "Revision")
    procedure_type = ContentType.objects.get(app_label="procedures", model="procedure")
    Revision.objects.exclude(page_type=procedure_type).delete()
    for revision in Revision.objects.all():
        revision.procedure_id = revision.page_id
        revision.save(update_fields=["procedure"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("procedures", "0003_page_sources_and_warning_signs"),
    ]

    operations = [
        migrations.AlterField(
            model_name="procedure",
            name="other_names",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="billing_codes",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(semicolons_to_lines, lines_to_semicolons),
        migrations.AddField(
            model_name="revision",
            name="page_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="revision",
            name="page_id",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.AlterField(
            model_name="revision",
            name="procedure",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="revisions",
                to="procedures.procedure",
            ),
        ),
        migrations.RunPython(revisions_to_pages, revisions_to_procedures),
        migrations.RemoveField(model_name="revision", name="procedure"),
        migrations.AlterField(
            model_name="revision",
            name="page_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
            ),
        ),
        migrations.AlterField(
            model_name="revision",
            name="page_id",
            field=models.PositiveIntegerField(),
        ),
    ]
