"""Staff roles: each one's group, what it may do, and the name create_staff_user takes.

`migrate` brings the groups in line with this list every time it runs (core.apps), so a
new role or permission needs only a change here.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS


@dataclass(frozen=True)
class Role:
    slug: str
    group: str
    # App label -> permission codenames.
    permissions: dict[str, tuple[str, ...]]


# Kinds of page with translations (procedures.models.translations), by model name.
TRANSLATED_KINDS = ("procedure", "condition", "option", "comparison", "glossaryterm")

FRONT_DESK = Role(
    slug="front-desk",
    group="Front desk",
    permissions={
        "appointments": (
            "view_callbackrequest",
            "change_callbackrequest",
            "view_callbacknote",
            "add_callbacknote",
            "view_auditevent",
        ),
    },
)
CONTENT_EDITOR = Role(
    slug="content-editor",
    group="Content editors",
    permissions={
        "procedures": (
            "view_procedure",
            "add_procedure",
            "change_procedure",
            "view_condition",
            "add_condition",
            "change_condition",
            "view_option",
            "add_option",
            "change_option",
            "view_comparison",
            "add_comparison",
            "change_comparison",
            "view_glossaryterm",
            "add_glossaryterm",
            "change_glossaryterm",
            *(
                f"{action}_{kind}translation"
                for kind in TRANSLATED_KINDS
                for action in ("view", "add", "change")
            ),
        ),
        # Old addresses that now redirect: seen, and removed when no longer wanted.
        "redirects": ("view_redirect", "delete_redirect"),
        # Tuning the search, and what patients looked for and told us.
        "search": (
            "view_synonym",
            "add_synonym",
            "change_synonym",
            "delete_synonym",
            "view_bestbet",
            "add_bestbet",
            "change_bestbet",
            "delete_bestbet",
            "view_missedsearch",
        ),
        "feedback": ("view_pagefeedback",),
    },
)
CLINICAL_REVIEWER = Role(
    slug="clinical-reviewer",
    group="Clinical reviewers",
    permissions={
        # They read every page and approve or send back drafts; editors make the changes.
        "procedures": (
            "view_procedure",
            "review_procedure",
            "view_condition",
            "view_option",
            "view_comparison",
            "view_glossaryterm",
            *(f"view_{kind}translation" for kind in TRANSLATED_KINDS),
        ),
    },
)
ROLES = (FRONT_DESK, CONTENT_EDITOR, CLINICAL_REVIEWER)
ROLES_BY_SLUG = {role.slug: role for role in ROLES}


def staff_name(user) -> str:
    """A colleague as staff and patients see them named: their full name, or the username
    only for an account without one."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# Named on public pages for a review by an account that has no full name.
REVIEW_TEAM_NAME = "Interventional radiology team"


def reviewer_credit(user) -> str:
    """How a clinical review is credited on public pages: the reviewer's full name and role,
    or the team's name. Never a username, which is a sign-in detail, not a name."""
    full_name = user.get_full_name().strip() if user else ""
    return f"{full_name}, clinical reviewer" if full_name else REVIEW_TEAM_NAME


def sync_roles(sender=None, *, using: str = DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """post_migrate: each role's group exists and holds exactly the permissions declared above."""
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role.group)
        group.permissions.set(_declared_permissions(role, apps=apps, using=using))


def _declared_permissions(role: Role, *, apps, using: str) -> list:
    # An app not migrated yet is skipped: its permissions are granted once its models exist.
    return [
        permission
        for app_label, codenames in role.permissions.items()
        if _is_migrated(app_label, apps)
        for permission in _app_permissions(role, app_label, codenames, apps=apps, using=using)
    ]


def _app_permissions(role: Role, app_label: str, codenames, *, apps, using: str) -> list:
    # Django makes an app's permissions in that app's own post_migrate, maybe after this one.
    app_config = global_apps.get_app_config(app_label)
    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.using(using).filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )
    missing = set(codenames) - {permission.codename for permission in permissions}
    if missing:
        raise ImproperlyConfigured(
            f"The {role.group} role names permissions that {app_label} does not have: "
            + ", ".join(sorted(missing))
        )
    return permissions


def _is_migrated(app_label: str, apps) -> bool:
    try:
        apps.get_app_config(app_label)
    except LookupError:
        return False
    return True
