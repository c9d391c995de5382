"""Builders for pages used across tests."""

import datetime
import itertools

from procedures.models import (
    TRANSLATIONS,
    Comparison,
    Condition,
    GlossaryTerm,
    Option,
    Procedure,
    Status,
)

_numbers = itertools.count(1)
# Two well-formed source lines, as staff type them in the admin.
SOURCES = (
    "Vertebroplasty | RadiologyInfo.org | https://www.radiologyinfo.org/en/info/vertebro"
    " | 2026-11-21\n"
    "Back pain | NHS | https://www.nhs.uk/conditions/back-pain/ | 2026-11-21"
)


def make_condition(**fields) -> Condition:
    number = next(_numbers)
    values = {
        "name": f"Condition {number}",
        "slug": f"condition-{number}",
        "summary": "A back problem.",
        "description": "## What it is\n\nA back problem.",
        "last_reviewed": datetime.date(2026, 11, 1),
        "reviewed_by": "Interventional radiology team",
        "sources": SOURCES,
        "status": Status.PUBLISHED,
    }
    values.update(fields)
    return Condition.objects.create(**values)


def make_procedure(*, conditions=(), related=(), **fields) -> Procedure:
    number = next(_numbers)
    values = {
        "title": f"Procedure {number}",
        "slug": f"procedure-{number}",
        "summary": "A treatment for back pain.",
        "status": Status.PUBLISHED,
        "duration": "About 1 hour",
        "anesthesia": "Numbing medicine",
        "setting": "An x-ray room",
        "same_day": "Usually",
        "driver": "Yes",
        "recovery": "A few days",
        "last_reviewed": datetime.date(2026, 11, 1),
        "reviewed_by": "Interventional radiology team",
        "sources": SOURCES,
        "warning_urgent": "a headache that is worse when you sit up",
        "questions": "\n".join(f"Question {n}?" for n in range(1, 6)),
        "suits": "People with a broken bone in the spine.",
        "effectiveness": "It eases pain for many people.",
        "main_risks": "Soreness; rarely, cement leaks.",
        "preparation_steps": "7 days before | Ask about your blood thinners.\n"
        "the day before | Arrange a driver.\nthe day | Bring your medicines list.",
        "recovery_steps": "the day | Rest.\nthe day after | Walk a little.",
        "driving": "After 24 hours",
        "work": "After 1 week",
        "lifting": "After 6 weeks",
        "follow_up": "A phone call after 2 weeks",
        "overview": "What it is.",
        "candidates": "Who it helps.",
        # A checklist with every topic check_content asks a "before" section to cover.
        "before": "- Ask about blood thinners such as warfarin.\n"
        "- The doctor who prescribed it decides.\n- Ask about your diabetes medicine.\n"
        "- Do not eat for 6 hours before.\n"
        "- Bring your scans.\n- Wear loose clothes.\n"
        "- An adult must drive you home and stay with you overnight.\n"
        "- Tell us if you are pregnant, and about allergies.",
        "during": "1. You lie down.",
        "after": "### Medicines\n\nTake your usual medicines.",
        "benefits_risks": "Benefits and risks.",
        "alternatives": "Other options.",
    }
    values.update(fields)
    procedure = Procedure.objects.create(**values)
    procedure.conditions.set(conditions)
    procedure.related.set(related)
    return procedure


def make_option(*, conditions=(), **fields) -> Option:
    number = next(_numbers)
    values = {
        "name": f"Option {number}",
        "slug": f"option-{number}",
        "summary": "Exercises to strengthen your back.",
        "effectiveness": "Helps many people a little.",
        "main_risks": "Soreness for a day or two.",
        "recovery": "6 to 12 weeks",
        "last_reviewed": datetime.date(2026, 11, 1),
        "reviewed_by": "Interventional radiology team",
        "sources": SOURCES,
        "status": Status.PUBLISHED,
    }
    values.update(fields)
    option = Option(**values)
    option.save_page()
    option.conditions.set(conditions)
    return option


def make_comparison(first, second, **fields) -> Comparison:
    values = {
        "first": first,
        "second": second,
        "summary": "How the two differ.",
        "key_difference": "One uses a balloon.",
        "discussion": "Both work about as well.",
        "last_reviewed": datetime.date(2026, 11, 1),
        "reviewed_by": "Interventional radiology team",
        "sources": SOURCES,
        "status": Status.PUBLISHED,
    }
    values.update(fields)
    comparison = Comparison(**values)
    comparison.save_page()
    return comparison


def make_term(term: str, **fields) -> GlossaryTerm:
    values = {
        "term": term,
        "slug": term.lower().replace(" ", "-"),
        "summary": f"What {term} means.",
        "last_reviewed": datetime.date(2026, 11, 1),
        "reviewed_by": "Interventional radiology team",
        "sources": SOURCES,
        "status": Status.PUBLISHED,
    }
    values.update(fields)
    glossary_term = GlossaryTerm(**values)
    glossary_term.save_page()
    return glossary_term


def make_translation(page, language: str = "es", **fields):
    """A live translation of `page`: its English words followed by "[es]", made from the
    English as it is now."""
    model = TRANSLATIONS[type(page)]
    translation = model(
        original=page,
        language=language,
        translated_by="Translator",
        last_reviewed=datetime.date(2026, 11, 1),
        reviewed_by="Interventional radiology team",
        status=Status.PUBLISHED,
    )
    for name in model.word_fields():
        english = getattr(page, name)
        if isinstance(english, list):
            english = [f"{item} [{language}]" for item in english]
        elif english:
            english = f"{english} [{language}]"
        setattr(translation, name, english)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.mark_translated_from_current()
    translation.save_page()
    return translation


def make_staff(role: str, username: str | None = None):
    """A staff member in the group of one of the roles in core.roles."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        username=username or f"staff{next(_numbers)}",
        password="a-long-test-password",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def make_callback(**fields):
    from appointments.models import CallbackRequest, new_reference

    values = {
        "reference": new_reference(),
        "full_name": "Ada Patient",
        "phone": "+12025550143",
        "contact_time": "morning",
        "has_referral": "yes",
        "has_imaging": "not_sure",
        "consent": True,
    }
    values.update(fields)
    return CallbackRequest.objects.create(**values)


def admin_form_values(html: str) -> dict:
    """The values an admin change form would send back unchanged, read from its HTML."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").select_one("form[id$=_form]")
    values: dict = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "")
        if kind in ("submit", "button", "file") or (
            kind == "checkbox" and not field.has_attr("checked")
        ):
            continue
        if field.name == "textarea":
            values[name] = field.get_text().removeprefix("\n")
        elif field.name == "select":
            chosen = [o["value"] for o in field.select("option[selected]")]
            values[name] = chosen if field.has_attr("multiple") else (chosen or [""])[0]
        else:
            values[name] = field.get("value", "on" if kind == "checkbox" else "")
    return values


def post_form(client, data: dict, **extra):
    """Post the callback form as a browser does: a urlencoded body."""
    from urllib.parse import urlencode

    return client.post(
        "/request-callback/",
        urlencode(data, doseq=True),
        content_type="application/x-www-form-urlencoded",
        **extra,
    )
