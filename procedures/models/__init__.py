"""The procedures app's models: the pages, and the records kept about them."""

from procedures.models.pages import (
    READING_GRADE_LIMIT,
    REVIEW_WARNING_DAYS,
    SECTIONS,
    Condition,
    Procedure,
    ReviewState,
    Status,
)
from procedures.models.records import PageRedirect, Revision

__all__ = [
    "READING_GRADE_LIMIT", "REVIEW_WARNING_DAYS", "SECTIONS", "Condition", "PageRedirect",
    "Procedure", "Revision", "ReviewState", "Status",
]  # fmt: skip
