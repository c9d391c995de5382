"""The patient's callback form: few questions, clear messages, nothing saved unless valid."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from appointments.models import (
    CONTACT_NEEDS,
    Answer,
    CallbackRequest,
    ContactTime,
    Language,
    Weekday,
)
from appointments.phones import parse_phone
from procedures.models import Procedure


class TreatmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, procedure):
        return procedure.title


def language_choices() -> list[tuple[str, str]]:
    """The languages we can speak, Spanish also in its own name, marked as Spanish so
    screen readers say it right. Built per form: the label is HTML in the page's language."""
    # The whole label is one message, not a name put in a pattern, so that a translation
    # can leave out the own name (msgfmt refuses one that drops a placeholder).
    # Translators: keep the span round "español". In Spanish write only "Español".
    spanish = mark_safe(gettext('Spanish (<span lang="es">español</span>)'))
    return [
        (value, spanish if value == Language.SPANISH else label)
        for value, label in Language.choices
    ]


def page_language() -> str:
    """The language of the page the form is on, as a choice of language to speak."""
    language = translation.get_language()
    return language if language in Language.values else Language.ENGLISH


class CallbackForm(forms.ModelForm):
    # Left empty by people; filled by bots that fill every field. Hidden with CSS
    # (display: none), so screen readers and keyboards skip it too.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        error_messages={"required": _("Enter your full name")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        help_text=_(
            "We will call you on this number. Add an extension after it if there is "
            "one, for example 202 555 0143 ext 5. For a number from another country, start "
            "with + and the country code."
        ),
        error_messages={"required": _("Enter a phone number we can call you on")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    contact_days = forms.MultipleChoiceField(
        label=_("Which days suit you best? (optional)"),
        choices=Weekday.choices,
        required=False,
        help_text=_("Leave all the boxes empty if any weekday is fine."),
        widget=forms.CheckboxSelectMultiple,
    )
    contact_time = forms.ChoiceField(
        label=_("What time of day suits you best?"),
        choices=ContactTime.choices,
        initial=ContactTime.ANY,
        required=False,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Which language should we speak?"),
        # language_choices() in __init__ gives the labels the page shows.
        choices=Language.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    language_other = forms.CharField(
        label=_("If another language, which one?"),
        max_length=40,
        required=False,
        error_messages={"max_length": _("Write the name of the language in 40 letters or fewer")},
    )
    needs_interpreter = forms.BooleanField(label=_("I need an interpreter"), required=False)
    contact_needs = forms.MultipleChoiceField(
        label=_("How can we make it easier to reach you? (optional)"),
        choices=[(need.field, need.label) for need in CONTACT_NEEDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        help_text=_(
            "Only if you want us to email you, to set up a call or a visit. "
            "We never send health information by email."
        ),
        error_messages={"invalid": _("Enter an email address like name@example.com")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    procedure = TreatmentChoiceField(
        label=_("Which treatment would you like to ask about?"),
        queryset=Procedure.objects.published(),
        required=False,
        empty_label=_("I am not sure"),
        to_field_name="slug",
    )
    has_referral = forms.ChoiceField(
        label=_("Do you have a referral from your doctor? (optional)"),
        choices=Answer.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    has_imaging = forms.ChoiceField(
        label=_("Have you had an MRI or CT scan of your back in the last year? (optional)"),
        choices=Answer.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Anything else you want us to know? (optional)"),
        required=False,
        max_length=1000,
        help_text=_("Up to 1000 characters. Please do not send urgent medical questions here."),
        error_messages={
            "max_length": _("Your message is too long. Keep it to 1000 characters or fewer")
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Tick the box to agree that we may contact you")},
    )

    # The page shows the questions in these groups, under these headings, then the consent.
    SECTIONS = (
        (
            _("How to reach you"),
            (
                "full_name",
                "phone",
                "contact_days",
                "contact_time",
                "language",
                "language_other",
                "needs_interpreter",
                "contact_needs",
                "email",
            ),
        ),
        (
            _("What you would like to ask"),
            ("procedure", "has_referral", "has_imaging", "message"),
        ),
    )
    field_order = [name for heading, names in SECTIONS for name in names]

    class Meta:
        model = CallbackRequest
        fields = [
            "full_name",
            "phone",
            "email",
            "contact_days",
            "contact_time",
            "language",
            "language_other",
            "needs_interpreter",
            "procedure",
            "has_referral",
            "has_imaging",
            "message",
            "consent",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built here, in the page's language, with the name and address escaped into it.
        self.fields["consent"].label = format_html(
            gettext(
                "I agree that {practice} may contact me about my request. "
                'See our <a href="{privacy}">privacy page</a>.'
            ),
            practice=settings.PRACTICE_NAME,
            privacy=reverse("procedures:privacy"),
        )
        self.fields["language"].choices = language_choices()
        # The Spanish form starts at Spanish: the front desk calls in the page's language.
        self.fields["language"].initial = page_language()
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def sections(self):
        """Each heading with its fields, in the order the page shows them."""
        return [(heading, [self[name] for name in names]) for heading, names in self.SECTIONS]

    def clean_phone(self) -> str:
        number = parse_phone(self.cleaned_data["phone"])
        if number is None:
            raise forms.ValidationError(
                gettext(
                    "Enter a phone number we can call, like 202 555 0143. "
                    "For a number from another country, start with + and the country code"
                )
            )
        return number

    def clean_contact_time(self) -> str:
        return self.cleaned_data["contact_time"] or ContactTime.ANY

    def clean_language_other(self) -> str:
        return " ".join(self.cleaned_data["language_other"].split())

    def clean(self):
        cleaned = super().clean()
        # A language written in the box is the patient's language, whichever button is on.
        if cleaned.get("language_other"):
            cleaned["language"] = Language.OTHER
        elif cleaned.get("language") == Language.OTHER:
            self.add_error(
                "language_other", gettext("Write which language you would like us to speak")
            )
        else:
            cleaned["language"] = cleaned.get("language") or page_language()
        wants_email = "prefers_email" in cleaned.get("contact_needs", ())
        if wants_email and not cleaned.get("email"):
            # The box named as the form names it, in the same words in every language.
            box = next(need.label for need in CONTACT_NEEDS if need.field == "prefers_email")
            message = gettext("Enter your email address, or clear the box “%(box)s”")
            self.add_error("email", message % {"box": box})
        return cleaned

    def full_clean(self):
        super().full_clean()
        # Tie each error message to its field for screen readers.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                described = [f"id_{name}_error", widget.attrs.get("aria-describedby", "")]
                widget.attrs["aria-describedby"] = " ".join(filter(None, described))

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def request_fields(self) -> dict:
        """The cleaned answers, ready to save."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        needs = self.cleaned_data["contact_needs"]
        return fields | {need.field: need.field in needs for need in CONTACT_NEEDS}
