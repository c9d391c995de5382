"""The two staff roles, so they exist as soon as the database is migrated."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Front desk": {
        "appointments": [
            "view_callbackrequest", "change_callbackrequest",
            "view_callbacknote", "add_callbacknote",
            "view_auditevent",
        ],
    },
    "Content editors": {
        "procedures": [
            "view_procedure", "add_procedure", "change_procedure",
            "view_condition", "add_condition", "change_condition",
        ],
    },
}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0001_initial"),
        ("procedures", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
