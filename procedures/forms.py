"""The editors' forms for pages, and for the step that publishes them."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.html import format_html
from markdownx.models import MarkdownxField

from procedures.images import ImageRejected, web_image
from procedures.markdown import MARKDOWN_MAX_CHARACTERS, MARKDOWN_SIZE_HELP
from procedures.models import READING_GRADE_LIMIT


class PageForm(forms.ModelForm):
    """A page's form, showing its draft's links to other pages when it has a draft.

    Every Markdown field says its size limit and refuses longer text before any rendering:
    field checks run before the form's and the model's clean(), which render.
    """

    def __init__(self, *args, instance=None, **kwargs):
        links = getattr(instance, "draft_links", None)
        if links:
            kwargs["initial"] = {**links, **kwargs.get("initial", {})}
        super().__init__(*args, instance=instance, **kwargs)
        model_fields = self._meta.model._meta.get_fields()
        markdown = {field.name for field in model_fields if isinstance(field, MarkdownxField)}
        for name in markdown & set(self.fields):
            _limit_markdown_field(self.fields[name])


def _limit_markdown_field(field: forms.Field) -> None:
    field.validators.append(MaxLengthValidator(MARKDOWN_MAX_CHARACTERS))
    field.widget.attrs["maxlength"] = str(MARKDOWN_MAX_CHARACTERS)
    field.help_text = " ".join(filter(None, [field.help_text, MARKDOWN_SIZE_HELP]))


class ProcedureForm(PageForm):
    def clean_hero_image(self):
        upload = self.cleaned_data.get("hero_image")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # unchanged or cleared
        try:
            return web_image(upload)
        except ImageRejected as error:
            raise forms.ValidationError(str(error)) from None


class PublishForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label="Go live at (optional)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Leave empty to publish now. A time in the future schedules it: the page "
        "goes live within a few minutes of that time.",
    )
    above_grade = forms.BooleanField(
        required=False,
        label=f"Publish even though it reads above grade {READING_GRADE_LIMIT:g}",
        help_text="Only tick this if the harder words cannot be avoided.",
    )


class TranslationForm(PageForm):
    """A translation's form: each field shows the English it translates below it."""

    matches_english = forms.BooleanField(
        required=False,
        label="This translation says what the English page says now",
        help_text="Tick it once every change to the English is in the translation: the "
        '"English changed" flag clears when this version goes live.',
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.original_id:
            return
        original = self.instance.original
        for name in self.instance.word_fields():
            if name in self.fields:
                english = getattr(original, name)
                if isinstance(english, list):
                    english = "\n".join(english)
                self.fields[name].help_text = format_html(
                    '<span class="english-source" lang="en"><strong>English:</strong> {}</span> {}',
                    english,
                    self.fields[name].help_text,
                )
