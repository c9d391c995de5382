"""The one description of a page's fields, from which its content file, versions, admin form
and public template all follow.

A page model names its fields once, in `schema`: the front matter of its content file in
file order (with groups such as "at a glance"), then either Markdown sections or one
Markdown body. What kind of value a field holds (text, a list, a date, a number, a choice,
sources, links to other pages) comes from the model field itself, and its label from the
field's verbose_name. So a new field is the model field plus its place in the schema.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.text import capfirst

from procedures.sources import SOURCE_HELP, Source, make_source, parse_source, valid_sources


def split_lines(text) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class LinesFormField(forms.CharField):
    """A text box with one item per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return value if isinstance(value, list) else split_lines(value)


class LinesDescriptor(DeferredAttribute):
    """Whatever is assigned, text with one item per line or a list, the page holds a list."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = self.field.to_python(value)


class LinesField(models.TextField):
    """A list of short texts, kept one per line: the one way a page stores a list."""

    descriptor_class = LinesDescriptor

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return split_lines(value)

    def to_python(self, value):
        return value if isinstance(value, list) else split_lines(value)

    def get_prep_value(self, value):
        return "\n".join(self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LinesFormField, **kwargs})


class SourcesFormField(LinesFormField):
    """The sources box: dates shown month/day/year, kept as YYYY-MM-DD. A line that does
    not read as a source is kept as typed, for the field's validator to name."""

    def prepare_value(self, value):
        lines = value if isinstance(value, list) else split_lines(value)
        return "\n".join(_as(line, Source.as_shown_line) for line in lines)

    def to_python(self, value):
        return [_as(line, Source.as_line) for line in super().to_python(value)]


def _as(line: str, write) -> str:
    try:
        return write(parse_source(line))
    except ValidationError:
        return line


class SourcesField(LinesField):
    """Sources, one per line as `title | organisation | address | YYYY-MM-DD`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", SOURCE_HELP)
        kwargs.setdefault("blank", False)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SourcesFormField, **kwargs})


class Kind:
    TEXT = "text"
    CHOICE = "choice"
    NUMBER = "number"
    DATE = "date"
    LINES = "lines"
    SOURCES = "sources"
    PAGES = "pages"  # links to other pages, by slug
    PAGE = "page"  # a link to one other page, by slug


def kind_of(field) -> str:
    if field.many_to_many:
        return Kind.PAGES
    if field.many_to_one:
        return Kind.PAGE
    if isinstance(field, SourcesField):
        return Kind.SOURCES
    if isinstance(field, LinesField):
        return Kind.LINES
    if isinstance(field, models.DateField):
        return Kind.DATE
    if isinstance(field, models.IntegerField):
        return Kind.NUMBER
    if field.choices:
        return Kind.CHOICE
    return Kind.TEXT


class Group(NamedTuple):
    """Fields kept together under one front-matter key, e.g. `at_a_glance`.

    In the file each field's key is its name without `prefix` (`warning_urgent` is `urgent`).
    """

    key: str
    fields: tuple[str, ...]
    prefix: str = ""

    def file_key(self, field: str) -> str:
        return field.removeprefix(self.prefix)

    @property
    def label(self) -> str:
        return self.key.replace("_", " ")


class Around(NamedTuple):
    """What a page shows with a section's own text: templates included above and below it."""

    above: tuple[str, ...] = ()
    below: tuple[str, ...] = ()


class Section(NamedTuple):
    """A Markdown section of a page: its anchor on the page, its field, its `##` heading, and
    the templates shown with its text."""

    id: str
    field: str
    heading: str
    around: Around = Around()


class Picture(NamedTuple):
    """The picture at the top of a page: its image field and the field describing it."""

    image: str
    alt: str


class Schema(NamedTuple):
    front: tuple[str | Group, ...]
    sections: tuple[str, ...] = ()
    body: str | None = None  # one Markdown field instead of sections
    picture: Picture | None = None
    # By section field: what the page shows with that section's text.
    around: Mapping[str, Around] = MappingProxyType({})


class Page(models.Model):
    """What every page has: a schema, a content file, and the fingerprint of its last import.

    `to_data()` and `apply_data()` turn a page into its content file's data and back (the
    format of procedures.content); links to other pages are set by `link_pages()` once every
    page exists.
    """

    schema: Schema
    # Fingerprint of the page as last imported or exported; a different fingerprint now
    # means staff changed it in the admin, and import_content leaves it alone.
    content_hash = models.CharField(max_length=64, editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    # The description

    @classmethod
    def front_fields(cls) -> list[tuple[str, Group | None, str]]:
        """(file key, group, field name) for every front-matter field, in file order."""
        found = []
        for entry in cls.schema.front:
            if isinstance(entry, Group):
                found += [(entry.key, entry, name) for name in entry.fields]
            else:
                found.append((entry, None, entry))
        return found

    @classmethod
    def front_keys(cls) -> list[str]:
        return list(dict.fromkeys(key for key, _, _ in cls.front_fields()))

    @classmethod
    def kind(cls, name: str) -> str:
        return kind_of(cls._meta.get_field(name))

    @classmethod
    def label(cls, name: str) -> str:
        return str(cls._meta.get_field(name).verbose_name)

    @classmethod
    def group(cls, key: str) -> Group:
        return next(entry for entry in cls.schema.front if getattr(entry, "key", None) == key)

    @classmethod
    def section_list(cls) -> tuple[Section, ...]:
        return tuple(
            Section(
                name.replace("_", "-"),
                name,
                capfirst(cls.label(name)),
                cls.schema.around.get(name, Around()),
            )
            for name in cls.schema.sections
        )

    @classmethod
    def link_fields(cls) -> list[str]:
        """Fields that link to other pages, one (Kind.PAGE) or many (Kind.PAGES)."""
        links = (Kind.PAGES, Kind.PAGE)
        return [name for _, _, name in cls.front_fields() if cls.kind(name) in links]

    @classmethod
    def many_link_fields(cls) -> list[str]:
        """Links to many pages, which are set once the page is saved (link_pages)."""
        return [name for name in cls.link_fields() if cls.kind(name) == Kind.PAGES]

    @classmethod
    def markdown_fields(cls) -> tuple[str, ...]:
        return (cls.schema.body,) if cls.schema.body else cls.schema.sections

    @classmethod
    def part_labels(cls) -> dict[str, str]:
        """Each front-matter key's label, for saying what changed between two versions."""
        labels = {}
        for key, group, name in cls.front_fields():
            labels[key] = group.label if group else cls.label(name)
        return labels

    def picture(self) -> tuple[str, str]:
        """The picture at the top as (file name, description); empty for kinds without one."""
        if self.schema.picture is None:
            return ("", "")
        image = getattr(self, self.schema.picture.image)
        return (image.name or "", getattr(self, self.schema.picture.alt))

    def set_picture(self, image, alt: str) -> None:
        """Put a picture (a stored file's name, or a new upload) and its description in place."""
        if self.schema.picture is not None:
            setattr(self, self.schema.picture.image, image)
            setattr(self, self.schema.picture.alt, alt)

    def facts(self, key: str) -> list[tuple[str, str]]:
        """A group's fields as (label, value), in order: the labels are what patients read."""
        return [
            (capfirst(self.label(name)), getattr(self, name)) for name in self.group(key).fields
        ]

    # Data

    def to_data(self) -> dict:
        """The page as its content file's data; links are read, so prefetch them for many."""
        data = {}
        for key, group, name in self.front_fields():
            value = self._value_as_data(name)
            if group:
                data.setdefault(key, {})[group.file_key(name)] = value
            else:
                data[key] = value
        if self.schema.body:
            data[self.schema.body] = getattr(self, self.schema.body)
        else:
            data["sections"] = {name: getattr(self, name) for name in self.schema.sections}
        return data

    def _value_as_data(self, name: str):
        kind = self.kind(name)
        if kind == Kind.PAGES:
            return sorted(page.slug for page in getattr(self, name).all())
        if kind == Kind.PAGE:
            return getattr(self, name).slug
        if kind == Kind.SOURCES:
            return [source.as_data() for source in valid_sources(getattr(self, name))]
        if kind == Kind.LINES:
            return list(getattr(self, name))
        if kind == Kind.CHOICE:
            return str(getattr(self, name))  # a plain value, not the choices enum
        return getattr(self, name)

    def apply_data(self, data: dict) -> None:
        """Copy everything but the links to many pages (see link_pages).

        A link to one page is needed to save the row, so that page must exist already.
        """
        for key, group, name in self.front_fields():
            value = data[key][group.file_key(name)] if group else data[key]
            kind = self.kind(name)
            if kind == Kind.SOURCES:
                value = [make_source(**source).as_line() for source in value]
            if kind == Kind.PAGE:
                value = self._meta.get_field(name).related_model.objects.get(slug=value)
            if kind != Kind.PAGES:
                setattr(self, name, value)
        if self.schema.body:
            setattr(self, self.schema.body, data[self.schema.body])
        else:
            for name, text in data["sections"].items():
                setattr(self, name, text)

    def link_pages(self, data: dict) -> None:
        """Set links to many pages from their slugs; the page must be saved first."""
        for name in self.many_link_fields():
            linked = self._meta.get_field(name).related_model
            getattr(self, name).set(linked.objects.filter(slug__in=data[name]))

    @property
    def markdown_texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.markdown_fields()}
