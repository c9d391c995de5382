"""Staff roles: migrate makes each group with exactly the permissions core.roles declares."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from core import roles
from core.roles import ROLES, Role


def _granted(group: Group) -> set[tuple[str, str]]:
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def _declared(role: Role) -> set[tuple[str, str]]:
    return {
        (app, codename) for app, codenames in role.permissions.items() for codename in codenames
    }


@pytest.mark.django_db
def test_migrate_makes_each_role_with_exactly_its_declared_permissions():
    assert set(Group.objects.values_list("name", flat=True)) == {role.group for role in ROLES}
    for role in ROLES:
        assert _granted(Group.objects.get(name=role.group)) == _declared(role), role.group


@pytest.mark.django_db
def test_migrate_puts_a_changed_group_back_as_declared():
    front_desk = Group.objects.get(name=roles.FRONT_DESK.group)
    front_desk.permissions.remove(Permission.objects.get(codename="view_callbackrequest"))
    front_desk.permissions.add(Permission.objects.get(codename="delete_callbackrequest"))
    Group.objects.get(name=roles.CONTENT_EDITOR.group).delete()

    call_command("migrate", verbosity=0)

    for role in ROLES:
        assert _granted(Group.objects.get(name=role.group)) == _declared(role), role.group


@pytest.mark.django_db
def test_a_role_that_names_a_permission_that_does_not_exist_stops_migrate(monkeypatch):
    typo = Role(slug="typo", group="Typo", permissions={"procedures": ("view_procedures",)})
    monkeypatch.setattr(roles, "ROLES", (typo,))
    with pytest.raises(ImproperlyConfigured, match="procedures does not have: view_procedures"):
        call_command("migrate", verbosity=0)


def test_every_role_has_its_own_slug_and_group():
    assert len({role.slug for role in ROLES}) == len({role.group for role in ROLES}) == len(ROLES)
