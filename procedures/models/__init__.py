"""The procedures app's models: the pages, and the records kept about them."""

from procedures.models.pages import (
    GLANCE_FACTS,
    READING_GRADE_LIMIT,
    REVIEW_WARNING_DAYS,
    SECTIONS,
    Condition,
    Procedure,
    ReviewState,
    Status,
    add_months,
)
from procedures.models.records import PageRedirect, Revision

__all__ = [
    "GLANCE_FACTS", "READING_GRADE_LIMIT", "REVIEW_WARNING_DAYS", "SECTIONS", "Condition",
    "PageRedirect", "Procedure", "Revision", "ReviewState", "Status", "add_months",
]  # fmt: skip
