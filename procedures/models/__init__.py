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
from procedures.models.translations import (
    TRANSLATIONS,
    ComparisonTranslation,
    ConditionTranslation,
    GlossaryTermTranslation,
    OptionTranslation,
    ProcedureTranslation,
    Translation,
)

__all__ = [
    "OPTION_FACTS",
    "READING_GRADE_LIMIT",
    "REVIEW_WARNING_DAYS",
    "SECTIONS",
    "TRANSLATIONS",
    "Comparison",
    "ComparisonTranslation",
    "Condition",
    "ConditionTranslation",
    "Draft",
    "DraftState",
    "GlossaryTerm",
    "GlossaryTermTranslation",
    "Option",
    "OptionTranslation",
    "Procedure",
    "ProcedureTranslation",
    "Revision",
    "ReviewState",
    "Status",
    "Translation",
]
