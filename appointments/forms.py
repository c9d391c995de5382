"""The patient's callback form: few questions, clear messages, nothing saved unless valid."""

import phonenumbers
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html

from appointments.models import Answer, CallbackRequest, ContactMethod, ContactTime
from procedures.models import Procedure


class TreatmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, procedure):
        return procedure.title


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
        help_text="We will call you on this number.",
        error_messages={"required": "Enter a phone number we can call you on"},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    contact_method = forms.ChoiceField(
        label="How should we contact you?",
        choices=ContactMethod.choices,
        initial=ContactMethod.PHONE,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how we should contact you"},
    )
    contact_time = forms.ChoiceField(
        label="When is the best time to call?",
        choices=ContactTime.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the best time to call you"},
    )
    procedure = TreatmentChoiceField(
        label="Which treatment would you like to ask about?",
        queryset=Procedure.objects.published(),
        required=False,
        empty_label="I am not sure",
        to_field_name="slug",
    )
    has_referral = forms.ChoiceField(
        label="Do you have a referral from your doctor?",
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Tell us if you have a referral, or choose Not sure"},
    )
    has_imaging = forms.ChoiceField(
        label="Have you had an MRI or CT scan of your back in the last year?",
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Tell us if you have had a scan, or choose Not sure"},
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

    class Meta:
        model = CallbackRequest
        fields = [
            "full_name", "phone", "email", "contact_method", "contact_time", "procedure",
            "has_referral", "has_imaging", "message", "consent",
        ]  # fmt: skip

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

    def clean_phone(self) -> str:
        raw = self.cleaned_data["phone"]
        message = "Enter a phone number we can call, like 202 555 0143"
        try:
            number = phonenumbers.parse(raw, settings.PHONE_REGION)
        except phonenumbers.NumberParseException:
            raise forms.ValidationError(message) from None
        if not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(message)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_method") == ContactMethod.EMAIL and not cleaned.get("email"):
            self.add_error("email", "Enter your email address, or choose a phone call")
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
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
