"""The procedures app's models: the pages, and the records kept about them."""

from procedures.models.pages import (
    GLANCE_FACTS,
    READING_GRADE_LIMIT,
    REVIEW_WARNING_DAYS,
    SECTIONS,
    Condition,
    Procedure,
    ProcedureQuerySet,
    ReviewState,
    Section,
    Status,
    add_months,
    clean_markdown,
    pictures_without_alt,
    split_lines,
)
from procedures.models.records import PageRedirect, Revision, keep_old_address

__all__ = [
    "GLANCE_FACTS", "READING_GRADE_LIMIT", "REVIEW_WARNING_DAYS", "SECTIONS", "Condition",
    "PageRedirect", "Procedure", "ProcedureQuerySet", "Revision", "ReviewState", "Section",
    "Status", "add_months", "clean_markdown", "keep_old_address", "pictures_without_alt",
    "split_lines",
]  # fmt: skip
