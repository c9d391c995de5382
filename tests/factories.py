"""Builders for pages used across tests."""

import datetime
import itertools

from procedures.models import Condition, Procedure, Status

_numbers = itertools.count(1)


def make_condition(**fields) -> Condition:
    number = next(_numbers)
    values = {
        "name": f"Condition {number}",
        "slug": f"condition-{number}",
        "summary": "A back problem.",
        "description": "## What it is\n\nA back problem.",
        "last_reviewed": datetime.date(2026, 11, 1),
        "reviewed_by": "Interventional radiology team",
        "sources": "Society of Interventional Radiology",
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
        "sources": "Society of Interventional Radiology",
        "overview": "What it is.",
        "candidates": "Who it helps.",
        "before": "### Medicines\n\nAsk about blood thinners.",
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
