"""The procedures app's models: the pages, and the records kept about them."""

from procedures.models.choosing import OPTION_FACTS, Comparison, Option
from procedures.models.drafts import Draft, DraftState
from procedures.models.glossary import GlossaryTerm
from procedures.models.pages import (
    READING_GRADE_LIMIT,
    REVIEW_WARNING_DAYS,
    SECTIONS,
    Condition,
    Procedure,
    ReviewState,
    Status,
)
from procedures.models.records import Revision

__all__ = [
    "OPTION_FACTS",
    "READING_GRADE_LIMIT",
    "REVIEW_WARNING_DAYS",
    "SECTIONS",
    "Comparison",
    "Condition",
    "Draft",
    "DraftState",
    "GlossaryTerm",
    "Option",
    "Procedure",
    "Revision",
    "ReviewState",
    "Status",
]
