"""Clinical-safety checks on a page's data, the same whether it came from a file or a row.

Run by `check_content`, by `import_content` (an error stops the import) and in the admin
when a page is published (as warnings).
"""

import re
from typing import NamedTuple

from django.conf import settings

from procedures.content import translation_language
from procedures.markdown import MarkdownRefused, render_markdown
from procedures.models import (
    READING_GRADE_LIMIT,
    SECTIONS,
    Comparison,
    Condition,
    GlossaryTerm,
    Option,
    Procedure,
    Translation,
)
from procedures.models.records import live_data
from procedures.models.translations import READING_EASE_MINIMUM
from procedures.readability import reading_ease, reading_grade
from procedures.steps import valid_steps

MINIMUM_SOURCES = 2
MINIMUM_QUESTIONS = 5
# A preparation plan needs steps the week before, the day before and on the day; a
# recovery timeline needs the day and the days after.
MINIMUM_PREPARATION_STEPS = 3
MINIMUM_RECOVERY_STEPS = 2
# Emergency numbers of the countries a practice is likely to be in. The card gives the
# configured one; a number typed into a page would be wrong somewhere, some day.
EMERGENCY_NUMBERS = ("911", "9-1-1", "999", "112")
# An "at a glance" fact that uses one of these and gives no figure tells the patient nothing.
VAGUE_PHRASES = ("will tell you", "care team", "varies", "depends", "ask your doctor")
# What every procedure's "before" checklist covers, as a topic and the words that show it
# is there (any one of them, in lower case).
BEFORE_TOPICS = (
    ("blood thinners, named", ("warfarin",)),
    ("the prescriber decides about blood thinners", ("who prescribed it decides",)),
    ("diabetes", ("diabetes",)),
    ("food and drink", ("do not eat", "you can eat")),
    ("scans to bring", ("scans",)),
    ("what to wear", ("wear",)),
    ("a driver", ("drive you home", "take you home")),
    ("an adult at home, or a night in the hospital", ("stay with you", "stay in the hospital")),
    ("pregnancy", ("pregnant",)),
    ("allergies", ("allergies",)),
)
CONDITION_HEADINGS = (
    "What it is",
    "Common signs",
    "What usually happens",
    "What you can do",
    "When a procedure may help",
)
EVIDENCE_HEADING = "How well it works"


class Problem(NamedTuple):
    page: str
    message: str


class PageReport(NamedTuple):
    page: str
    grade: float
    problems: list[Problem]
    # Reading ease, for pages in a language with no school-grade measure (translations).
    ease: float | None = None

    @property
    def readability(self) -> str:
        if self.ease is not None:
            return f"reading ease {self.ease:.1f}"
        return f"grade {self.grade:.1f}"


def check_procedure(name: str, data: dict) -> PageReport:
    """`data` is a procedure's content-file data (Procedure.to_data, procedures.content)."""
    sections = data["sections"]
    facts = {
        (group.replace("_", " "), key): value
        for group in ("at_a_glance", "choosing", "getting_back")
        for key, value in data[group].items()
    }
    steps = [*data["preparation_steps"], *data["recovery_steps"]]
    texts = [data["summary"], *sections.values(), *facts.values(), *data["questions"], *steps]
    texts += [sign for signs in data["warning_signs"].values() for sign in signs]
    messages = _typed_emergency_numbers(texts)
    for (group, key), value in facts.items():
        if _is_vague(value):
            messages.append(f"{group} '{key}' is vague or empty: give a typical value")
    for key, minimum in (
        ("preparation_steps", MINIMUM_PREPARATION_STEPS),
        ("recovery_steps", MINIMUM_RECOVERY_STEPS),
    ):
        if len(valid_steps(data[key])) < minimum:
            messages.append(f"fewer than {minimum} {key.replace('_', ' ')}")
    if not any(data["warning_signs"].values()):
        messages.append("no warning signs of its own for the after section (warning_signs)")
    if len(data["questions"]) < MINIMUM_QUESTIONS:
        messages.append(f"fewer than {MINIMUM_QUESTIONS} questions to ask")
    messages += _missing_before_topics(sections["before"])
    if not _has_heading(sections["benefits_risks"], EVIDENCE_HEADING):
        messages.append(f"benefits and risks has no '### {EVIDENCE_HEADING}' part")
    messages += _source_problems(data["sources"])
    html = "".join(render_markdown(sections[section.field]) for section in SECTIONS)
    return _report(name, html, messages)


def check_condition(name: str, data: dict) -> PageReport:
    """`data` is a condition's content-file data (Condition.to_data, procedures.content)."""
    description = data["description"]
    messages = _typed_emergency_numbers([data["summary"], description])
    headings = re.findall(r"^## (.+?)\s*$", description, re.MULTILINE)
    if headings != list(CONDITION_HEADINGS):
        expected = ", ".join(f"## {heading}" for heading in CONDITION_HEADINGS)
        messages.append(f"the sections must be, in this order: {expected}")
    messages += _source_problems(data["sources"])
    return _report(name, render_markdown(description), messages)


def check_option(name: str, data: dict) -> PageReport:
    """`data` is an option's content-file data: the same facts every option shows."""
    texts = [data[key] for key in ("summary", "effectiveness", "main_risks", "recovery")]
    messages = _typed_emergency_numbers(texts)
    messages += [f"'{key}' is vague or empty" for key in ("recovery",) if _is_vague(data[key])]
    messages += _source_problems(data["sources"])
    return _report(name, "".join(f"<p>{text}</p>" for text in texts), messages)


def check_comparison(name: str, data: dict) -> PageReport:
    """`data` is a comparison's content-file data."""
    messages = _typed_emergency_numbers(
        [data["summary"], data["key_difference"], data["discussion"]]
    )
    address = Comparison.address(data["first"], data["second"])
    if data["slug"] != address:
        messages.append(f"the slug must be '{address}': the first procedure, -vs-, the second")
    messages += _source_problems(data["sources"])
    html = f"<p>{data['key_difference']}</p>{render_markdown(data['discussion'])}"
    return _report(name, html, messages)


def check_glossary_term(name: str, data: dict) -> PageReport:
    """`data` is a glossary term's content-file data. A meaning is one or two sentences, too
    short for a reading grade to mean much, so it has none."""
    messages = _typed_emergency_numbers([data["summary"]])
    if not data["sources"]:
        messages.append("no source: give at least one page the meaning was checked against")
    return PageReport(name, 0.0, [Problem(name, message) for message in messages])


def _missing_before_topics(before: str) -> list[str]:
    text = " ".join(before.lower().split())
    return [
        f"the before checklist does not cover {topic}"
        for topic, words in BEFORE_TOPICS
        if not any(word in text for word in words)
    ]


def _report(name: str, html: str, messages: list[str]) -> PageReport:
    grade = reading_grade(html)
    if grade > READING_GRADE_LIMIT:
        messages.append(f"reading grade {grade:.1f} is above {READING_GRADE_LIMIT:g}")
    return PageReport(name, grade, [Problem(name, message) for message in messages])


def _typed_emergency_numbers(texts: list[str]) -> list[str]:
    numbers = {*EMERGENCY_NUMBERS, settings.EMERGENCY_NUMBER} - {""}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, numbers)) + r")(?![\w-])")
    found = sorted({match for text in texts for match in pattern.findall(text)})
    return [
        f"emergency number {number} typed into the page: the urgent-care card gives it"
        for number in found
    ]


def _is_vague(value: str) -> bool:
    text = (value or "").strip().lower()
    if len(text) < 3:
        return True
    return any(phrase in text for phrase in VAGUE_PHRASES) and not re.search(r"\d", text)


def _has_heading(markdown_text: str, heading: str) -> bool:
    return re.search(rf"^#{{3}} {re.escape(heading)}\s*$", markdown_text, re.MULTILINE) is not None


def _source_problems(sources: list[dict]) -> list[str]:
    if len(sources) < MINIMUM_SOURCES:
        return [f"{len(sources)} source(s) with an address; at least {MINIMUM_SOURCES} are needed"]
    return []


def check_translation(model, name: str, data: dict, english: dict, language: str) -> PageReport:
    """A translation says the same as its English page: no typed emergency number, the same
    headings, list items and steps on the same days, and it reads easily.

    Its shape is compared only while it is made from the English as it is now: once the
    English changes, the translation is flagged for translating again (Translation.
    english_changed), and patients keep reading the one a clinician checked.
    """
    words = model.english_words(data)
    messages = _typed_emergency_numbers(list(_texts(words)))
    if data["translated_from"] == model.words_fingerprint(english):
        messages += _structure_differences(words, model.english_words(english))
    page = model(language=language)
    page.apply_data(data)
    page.render_markdown_fields(words={})  # the glossary's links do not change the words
    ease = reading_ease(page.shown_text(), language)
    # A glossary meaning is one or two sentences: too short for a minimum to mean much.
    short = model.english_model is GlossaryTerm
    if ease is not None and ease < READING_EASE_MINIMUM and not short:
        messages.append(f"reading ease {ease:.1f} is below {READING_EASE_MINIMUM:g}")
    return PageReport(name, 0.0, [Problem(name, message) for message in messages], ease)


def _texts(value):
    """Every piece of text in page data, however it is nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


HEADING_LINE = re.compile(r"^(#{2,6}) ", re.MULTILINE)
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.) ", re.MULTILINE)


def _structure_differences(words: dict, english: dict) -> list[str]:
    """Where the translation's shape differs from the English: a heading, a list item or a
    step missing or added, or a step moved to another day."""
    found = []
    for key, value, original in _pairs(words, english):
        if isinstance(value, list):
            if len(value) != len(original or []):
                found.append(f"{key} has {len(value)} items; the English has {len(original)}")
            elif key.endswith("_steps"):
                days = [item.partition(" | ")[0] for item in value]
                if days != [item.partition(" | ")[0] for item in original]:
                    found.append(f"{key}: the days differ from the English steps")
        elif isinstance(value, str) and "\n" in (original or ""):
            mine, theirs = HEADING_LINE.findall(value), HEADING_LINE.findall(original)
            if mine != theirs:  # the same headings at the same levels
                found.append(f"{key} has {len(mine)} headings; the English has {len(theirs)}")
            mine, theirs = LIST_ITEM.findall(value), LIST_ITEM.findall(original)
            if len(mine) != len(theirs):
                found.append(f"{key} has {len(mine)} list items; the English has {len(theirs)}")
    return found


def _pairs(words: dict, english: dict, prefix: str = ""):
    for key, value in words.items():
        if key in ("other_names", "word_forms"):
            continue  # names in another language need not be as many
        original = english.get(key)
        if isinstance(value, dict):
            yield from _pairs(value, original or {}, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value, original


def check_page(page) -> PageReport:
    """The checks for a page in the database, as it is now."""
    if isinstance(page, Translation):
        english = live_data(page.original)
        return check_translation(type(page), str(page), page.to_data(), english, page.language)
    return PAGE_CHECKS[type(page)](str(page), page.to_data())


def check_pages(pages: dict[type, list]) -> list[PageReport]:
    """Reports for pages read from files (procedures.sync.read_folder): (path, data) by model."""
    english = {
        (model, data["slug"]): data
        for model, files in pages.items()
        if model in PAGE_CHECKS
        for _, data in files
    }
    return [
        _check(model, path, data, english) for model, files in pages.items() for path, data in files
    ]


def _check(model, path, data: dict, english: dict) -> PageReport:
    name = str(path)
    try:
        if model in PAGE_CHECKS:
            return PAGE_CHECKS[model](name, data)
        original = english.get((model.english_model, data["slug"]))
        if original is None:  # translating a page only in the database
            original = live_data(model.english_model.objects.get(slug=data["slug"]))
        return check_translation(model, name, data, original, translation_language(path))
    except MarkdownRefused as error:  # a page that cannot be rendered cannot be checked
        return PageReport(name, 0.0, [Problem(name, str(error))])


PAGE_CHECKS = {
    Condition: check_condition,
    Procedure: check_procedure,
    Option: check_option,
    Comparison: check_comparison,
    GlossaryTerm: check_glossary_term,
}
