from django import forms
from django.core import signing
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from feedback.models import COMMENT_LENGTH, PageFeedback

# A "What was missing?" answer is taken for this long after the "No".
MISSING_WITHIN_SECONDS = 3600
SALT = "feedback.missing"


def public_pages() -> dict:
    """The pages that ask "Did this page help?", as patients can see them, by the name the
    form sends."""
    from procedures.models import Comparison, Condition, Procedure

    return {
        "procedure": Procedure.objects.published(),
        "condition": Condition.objects.published(),
        "comparison": Comparison.objects.published(),
    }


def is_number(text: str) -> bool:
    """ASCII digits only: str.isdigit also takes "²" (which int() refuses) and "١" (which
    int() reads as 1)."""
    return text.isascii() and text.isdigit()


class HelpedForm(forms.Form):
    page = forms.CharField(max_length=40)
    helpful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])

    def clean_page(self):
        kind, _colon, pk = self.cleaned_data["page"].partition(":")
        pages = public_pages().get(kind)
        page = pages.filter(pk=int(pk)).first() if pages is not None and is_number(pk) else None
        if page is None:
            raise forms.ValidationError(gettext("We could not tell which page this was about."))
        return page


class MissingForm(forms.Form):
    answer = forms.CharField(widget=forms.HiddenInput)
    missing = forms.CharField(
        label=_("What was missing?"),
        help_text=_(
            "Please do not write your name, contact details or anything about your "
            "health that could identify you. We cannot reply to this."
        ),
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_LENGTH}),
    )

    @staticmethod
    def token_for(feedback: PageFeedback) -> str:
        return signing.dumps(feedback.pk, salt=SALT)

    def clean_answer(self):
        """The "No" this comment belongs to, if it is recent and has no comment yet."""
        try:
            pk = signing.loads(
                self.cleaned_data["answer"], salt=SALT, max_age=MISSING_WITHIN_SECONDS
            )
        except signing.BadSignature:
            raise forms.ValidationError(
                gettext("This form has expired. Thank you for your answer.")
            ) from None
        feedback = PageFeedback.objects.filter(pk=pk, helpful=False, missing="").first()
        if feedback is None:
            raise forms.ValidationError(gettext("We already have your answer. Thank you."))
        return feedback
