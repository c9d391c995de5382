"""The patient's callback form: few questions, clear messages, nothing saved unless valid."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


# Spanish also in its own name, marked as Spanish so screen readers say it right.
LANGUAGE_CHOICES = [
    (
        value,
        mark_safe('Spanish (<span lang="es">español</span>)')
        if value == Language.SPANISH
        else label,
    )
    for value, label in Language.choices
]


class CallbackForm(forms.ModelForm):
    # Left empty by people; filled by bots that fill every field. Hidden with CSS
    # (display: none), so screen readers and keyboards skip it too.
    website = forms.CharField(required=False, label="Leave this empty")

    full_name = forms.CharField(
        label="Full name",
        max_length=100,
        error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=30,
        help_text="We will call you on this number. Add an extension after it if there is "
        "one, for example 202 555 0143 ext 5. For a number from another country, start "
        "with + and the country code.",
        error_messages={"required": "Enter a phone number we can call you on"},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    contact_days = forms.MultipleChoiceField(
        label="Which days suit you best? (optional)",
        choices=Weekday.choices,
        required=False,
        help_text="Leave all the boxes empty if any weekday is fine.",
        widget=forms.CheckboxSelectMultiple,
    )
    contact_time = forms.ChoiceField(
        label="What time of day suits you best?",
        choices=ContactTime.choices,
        initial=ContactTime.ANY,
        required=False,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label="Which language should we speak?",
        choices=LANGUAGE_CHOICES,
        initial=Language.ENGLISH,
        required=False,
        widget=forms.RadioSelect,
    )
    language_other = forms.CharField(
        label="If another language, which one?",
        max_length=40,
        required=False,
        error_messages={"max_length": "Write the name of the language in 40 letters or fewer"},
    )
    needs_interpreter = forms.BooleanField(label="I need an interpreter", required=False)
    contact_needs = forms.MultipleChoiceField(
        label="How can we make it easier to reach you? (optional)",
        choices=[(need.field, need.label) for need in CONTACT_NEEDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="Only if you want us to email you, to set up a call or a visit. "
        "We never send health information by email.",
        error_messages={"invalid": "Enter an email address like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    procedure = TreatmentChoiceField(
        label="Which treatment would you like to ask about?",
        queryset=Procedure.objects.published(),
        required=False,
        empty_label="I am not sure",
        to_field_name="slug",
    )
    has_referral = forms.ChoiceField(
        label="Do you have a referral from your doctor? (optional)",
        choices=Answer.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    has_imaging = forms.ChoiceField(
        label="Have you had an MRI or CT scan of your back in the last year? (optional)",
        choices=Answer.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label="Anything else you want us to know? (optional)",
        required=False,
        max_length=1000,
        help_text="Up to 1000 characters. Please do not send urgent medical questions here.",
        error_messages={"max_length": "Your message is too long. Keep it under 1000 characters"},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consent = forms.BooleanField(
        error_messages={"required": "Tick the box to agree that we may contact you"},
    )

    # The page shows the questions in these groups, under these headings, then the consent.
    SECTIONS = (
        (
            "How to reach you",
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
        ("What you would like to ask", ("procedure", "has_referral", "has_imaging", "message")),
    )
    field_order = [name for _, names in SECTIONS for name in names]

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
        privacy = reverse("procedures:privacy")
        self.fields["consent"].label = format_html(
            "I agree that {} may contact me about my request. "
            'See our <a href="{}">privacy page</a>.',
            settings.PRACTICE_NAME,
            privacy,
        )
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
                "Enter a phone number we can call, like 202 555 0143. "
                "For a number from another country, start with + and the country code"
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
            self.add_error("language_other", "Write which language you would like us to speak")
        else:
            cleaned["language"] = cleaned.get("language") or Language.ENGLISH
        wants_email = "prefers_email" in cleaned.get("contact_needs", ())
        if wants_email and not cleaned.get("email"):
            self.add_error(
                "email", "Enter your email address, or clear the box “I would rather you email me”"
            )
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
