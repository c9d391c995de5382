"""Pages as Markdown files with YAML front matter: reading and checking them, and writing them.

A page's *data* is a plain dict in file order (procedures.models.schema.Page.to_data gives
it for a row). Reading a file gives the same, so "has this page changed?" is a comparison
of two dicts, and writing a file from a row is the exact inverse of reading it. Which keys
a file has, and what each holds, follow from the page model's schema.
"""

import datetime
import hashlib
import json
import re
from pathlib import Path

import frontmatter
import yaml
from django.core.exceptions import ValidationError
from frontmatter.default_handlers import YAMLHandler

from procedures.markdown import too_long
from procedures.models.schema import Kind
from procedures.sources import SOURCE_KEYS, make_source

# Content files are Markdown with YAML front matter, read and written by python-frontmatter.
FRONT_MATTER = YAMLHandler()
SECTION_HEADING = re.compile(r"^## (?P<heading>.+?)[ \t]*$", re.MULTILINE)


class ContentError(Exception):
    """Content that cannot be loaded; the message names the file and the problem."""

    def __init__(self, path: Path | None, problem: str):
        super().__init__(f"{path}: {problem}" if path else problem)


def translation_language(path: Path) -> str:
    """A translation file's language: `es` for content/es/procedures/kyphoplasty.md."""
    return path.parent.parent.name


def fingerprint(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


# Reading


def read_page(model, path: Path) -> dict:
    """One page file as data, checked against `model`'s schema; ContentError if it is wrong."""
    front, body = _split_file(path)
    data = _front_matter(model, path, front)
    if model.schema.body:
        text = body.strip()
        if not text:
            raise ContentError(path, "the page has no text below the front matter")
        _check_size(path, "the page", text)
        data[model.schema.body] = text
    else:
        data["sections"] = _split_sections(model, path, body)
    return data


def _split_file(path: Path) -> tuple[dict, str]:
    try:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise ContentError(path, "the file is not UTF-8 text") from None
    try:
        if not text.startswith("---\n"):
            raise ValueError
        front_text, body = FRONT_MATTER.split(text)
    except ValueError:
        raise ContentError(
            path, "no front matter: the file must start with a '---' block"
        ) from None
    try:
        front = FRONT_MATTER.load(front_text)
    except yaml.YAMLError as error:
        raise ContentError(path, f"bad front matter: {error}") from None
    if not isinstance(front, dict):
        raise ContentError(path, "bad front matter: it must be a list of 'key: value' lines")
    return front, body


def _front_matter(model, path: Path, front: dict) -> dict:
    keys = model.front_keys()
    unknown = [key for key in front if key not in keys]
    if unknown:
        raise ContentError(path, f"unknown front matter field(s): {', '.join(map(str, unknown))}")
    missing = [key for key in keys if key not in front]
    if missing:
        raise ContentError(path, f"missing front matter field(s): {', '.join(missing)}")
    data = {}
    for key, group, name in model.front_fields():
        if group is None:
            data[key] = _value(model, path, key, name, front[key])
            continue
        values = front[key]
        file_keys = [group.file_key(field) for field in group.fields]
        if not isinstance(values, dict) or set(values) != set(file_keys):
            raise ContentError(path, f"{key} must have exactly: {', '.join(file_keys)}")
        file_key = group.file_key(name)
        data.setdefault(key, {})[file_key] = _value(
            model, path, f"{key}.{file_key}", name, values[file_key]
        )
    if data["slug"] != path.stem:
        raise ContentError(path, f"slug '{data['slug']}' does not match the file name")
    return data


def _value(model, path: Path, key: str, name: str, value):
    """A front-matter value checked for the kind of field it fills."""
    kind = model.kind(name)
    if kind == Kind.SOURCES:
        return _sources(path, value)
    if kind in (Kind.LINES, Kind.PAGES):
        # A list that may be empty, such as a tier of warning signs, may be left blank.
        items = _text_list(path, key, [] if value is None else value)
        if kind == Kind.PAGES:
            return sorted(items)  # links are kept unordered
        _run_validators(model, path, key, name, items)
        return items
    if kind == Kind.DATE:
        if not isinstance(value, datetime.date):
            raise ContentError(path, f"{key} must be a date written as YYYY-MM-DD")
        return value
    field = model._meta.get_field(name)
    if kind == Kind.NUMBER and value is None and field.null:
        return None  # an optional number, such as a place on the home page
    if kind == Kind.NUMBER:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ContentError(path, f"{key} must be a whole number")
        _run_validators(model, path, key, name, value)
        return value
    if field.blank and value in (None, ""):
        return ""  # optional text, such as an everyday name
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, f"{key} must be text (put quotes around yes/no/true/false)")
    if kind == Kind.CHOICE:
        choices = [choice for choice, _ in model._meta.get_field(name).choices]
        if value not in choices:
            raise ContentError(path, f"{key} must be one of {', '.join(choices)}")
    _run_validators(model, path, key, name, value.strip())  # such as the longest it may be
    return value.strip()


def _run_validators(model, path: Path, key: str, name: str, value) -> None:
    try:
        model._meta.get_field(name).run_validators(value)
    except ValidationError as error:
        raise ContentError(path, f"{key}: {' '.join(error.messages)}") from None


def _text_list(path: Path, key: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ContentError(path, f"{key} must be a list of text items")
    return [item.strip() for item in value]


def _sources(path: Path, sources) -> list[dict]:
    if not isinstance(sources, list) or not all(isinstance(item, dict) for item in sources):
        raise ContentError(path, f"sources must be a list, each with {', '.join(SOURCE_KEYS)}")
    checked = []
    for number, source in enumerate(sources, start=1):
        if set(source) != set(SOURCE_KEYS):
            raise ContentError(path, f"source {number} must have exactly: {', '.join(SOURCE_KEYS)}")
        values = {}
        for key in ("title", "organisation", "url"):
            if not isinstance(source[key], str) or not source[key].strip():
                raise ContentError(path, f"source {number} {key} must be text")
            values[key] = source[key].strip()
        try:
            checked.append(make_source(**values, checked=source["checked"]).as_data())
        except ValidationError as error:
            raise ContentError(path, f"source {number}: {' '.join(error.messages)}") from None
    return checked


def _check_size(path: Path, part: str, text: str) -> None:
    """Before anything is rendered: the size limit is what keeps rendering quick."""
    message = too_long(text)
    if message:
        raise ContentError(path, f"{part}: {message}")


def _split_sections(model, path: Path, body: str) -> dict:
    sections = model.section_list()
    parts = SECTION_HEADING.split(body)
    if parts[0].strip():
        raise ContentError(path, "there is text before the first '## ' section heading")
    found = dict.fromkeys(sections)  # keeps the expected order
    by_heading = {section.heading: section for section in sections}
    headings = parts[1::2]
    for heading, text in zip(headings, parts[2::2], strict=True):
        section = by_heading.get(heading)
        if section is None:
            raise ContentError(path, f"unknown section '## {heading}'")
        if found[section] is not None:
            raise ContentError(path, f"section '## {heading}' appears twice")
        if not text.strip():
            raise ContentError(path, f"section '## {heading}' is empty")
        _check_size(path, f"section '## {heading}'", text.strip())
        found[section] = text.strip()
    missing = [section.heading for section, text in found.items() if text is None]
    if missing:
        raise ContentError(path, f"missing section(s): {', '.join('## ' + h for h in missing)}")
    expected = [section.heading for section in sections]
    if headings != expected:
        raise ContentError(path, f"sections are out of order; the order is: {', '.join(expected)}")
    return {section.field: text for section, text in found.items()}


def read_pages(folder: Path, models: dict[str, type]) -> tuple[dict[type, list], list[str]]:
    """Every file in each kind's subfolder (e.g. `procedures/`), as (path, data) per model,
    and every problem found, so that one run names all of them."""
    pages, errors = {}, []
    for kind, model in models.items():
        pages[model] = []
        for path in sorted((folder / kind).glob("*.md")):
            try:
                pages[model].append((path, read_page(model, path)))
            except ContentError as error:
                errors.append(str(error))
    return pages, errors


def unknown_links(pages: dict[type, list], known: dict[type, set[str]]) -> list[str]:
    """Links to pages that neither the files nor `known` (slugs by model) hold."""
    slugs = {
        model: {data["slug"] for _, data in found} | known.get(model, set())
        for model, found in pages.items()
    }
    errors = []
    for model, found in pages.items():
        for name in model.link_fields():
            linked = model._meta.get_field(name).related_model
            label = model.label(name).removesuffix("s")
            for path, data in found:
                linked_slugs = data[name] if model.kind(name) == Kind.PAGES else [data[name]]
                errors += [
                    f"{path}: unknown {label} '{slug}'"
                    for slug in linked_slugs
                    if slug not in slugs.get(linked, set())
                ]
    return errors


# Writing


def page_text(model, data: dict) -> str:
    """The content file for `data`; reading it back gives `data` again."""
    front = {key: data[key] for key in model.front_keys()}
    if model.schema.body:
        body = data[model.schema.body]
    else:  # sections; an option has none, only front matter
        body = "\n\n".join(
            f"## {s.heading}\n\n{data['sections'][s.field]}" for s in model.section_list()
        )
    post = frontmatter.Post(body, **front)
    return frontmatter.dumps(post, sort_keys=False, width=1000) + "\n"
