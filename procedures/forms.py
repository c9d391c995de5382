"""The editors' form for procedure pages."""

from django import forms
from django.core.validators import MaxLengthValidator
from markdownx.models import MarkdownxField

from procedures.images import ImageRejected, web_image
from procedures.markdown import (
    MARKDOWN_MAX_CHARACTERS,
    MARKDOWN_SIZE_HELP,
    MarkdownTooSlow,
    render_markdown,
)
from procedures.models import READING_GRADE_LIMIT, SECTIONS, Status
from procedures.readability import reading_grade


class MarkdownLimitForm(forms.ModelForm):
    """Every Markdown field says its size limit and refuses longer text before any rendering.

    Field checks run before the form's and the model's clean(), which render.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = self._meta.model._meta.get_fields()
        markdown = {field.name for field in model_fields if isinstance(field, MarkdownxField)}
        for name in markdown & set(self.fields):
            _limit_markdown_field(self.fields[name])


def _limit_markdown_field(field: forms.Field) -> None:
    field.validators.append(MaxLengthValidator(MARKDOWN_MAX_CHARACTERS))
    field.widget.attrs["maxlength"] = str(MARKDOWN_MAX_CHARACTERS)
    field.help_text = " ".join(filter(None, [field.help_text, MARKDOWN_SIZE_HELP]))


class ProcedureAdminForm(MarkdownLimitForm):
    publish_above_grade = forms.BooleanField(
        required=False,
        label=f"Publish even though it reads above grade {READING_GRADE_LIMIT:g}",
        help_text="Only tick this if the harder words cannot be avoided.",
    )

    def clean_hero_image(self):
        upload = self.cleaned_data.get("hero_image")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # unchanged or cleared
        try:
            return web_image(upload)
        except ImageRejected as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        publishing = cleaned.get("status") == Status.PUBLISHED
        if publishing and not cleaned.get("publish_above_grade"):
            grade = self.submitted_grade()
            if grade is not None and grade > READING_GRADE_LIMIT:
                self.add_error(
                    "publish_above_grade",
                    f"This page reads at grade {grade:.1f}, above grade {READING_GRADE_LIMIT:g}. "
                    "Simplify it, save it as a draft, or tick this box to publish it anyway.",
                )
        return cleaned

    def submitted_grade(self) -> float | None:
        texts = [self.cleaned_data.get(section.field) for section in SECTIONS]
        if not all(texts):
            return None
        try:
            return reading_grade("".join(render_markdown(text) for text in texts))
        except MarkdownTooSlow:
            return None  # the model's clean() names the section
