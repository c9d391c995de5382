from django.db import migrations

PAGE_MODELS = ("Procedure", "Condition", "Option", "Comparison", "GlossaryTerm")
# The same words as core.roles, frozen here as a migration must be.
TEAM_NAME = "Interventional radiology team"


def credit(user) -> str:
    full_name = f"{user.first_name} {user.last_name}".strip()
    return f"{full_name}, clinical reviewer" if full_name else TEAM_NAME


def name_reviewers(apps, schema_editor):
    """A review recorded under an account's username names the person, or the team."""
    User = apps.get_model("auth", "User")
    credits = {user.username: credit(user) for user in User.objects.all()}
    for name in PAGE_MODELS:
        model = apps.get_model("procedures", name)
        for username, credited in credits.items():
            model.objects.filter(reviewed_by=username).update(reviewed_by=credited)
    for draft in apps.get_model("procedures", "Draft").objects.all():
        if draft.data.get("reviewed_by") in credits:
            draft.data["reviewed_by"] = credits[draft.data["reviewed_by"]]
            draft.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0010_four_eyes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(name_reviewers, migrations.RunPython.noop)]
