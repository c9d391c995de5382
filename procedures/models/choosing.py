"""Pages that help a patient choose: the options for a condition, and two treatments compared."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from procedures.models.pages import Condition, ContentPage, PageQuerySet, Procedure, Status
from procedures.models.schema import Schema

# The facts every option on a condition page shows, in this order, whether it is a
# procedure or not: equal detail, so that no option looks like the default.
# The labels are lazy: they are translated as a page shows them.
OPTION_FACTS = (  # (field, label): procedures have the same fields
    # Translators: a label of each option on a condition's page.
    ("summary", _("What it involves")),
    # Translators: a label of each option on a condition's page.
    ("effectiveness", _("How well it works")),
    # Translators: a label of each option on a condition's page.
    ("main_risks", _("Main risks")),
    # Translators: a label of each option on a condition's page: how long until it helps.
    ("recovery", _("Recovery time")),
)


class Option(ContentPage):
    """A choice that is not a procedure here: staying active, physiotherapy, medicines,
    waiting to see, surgery. Shown beside the procedures on its conditions' pages."""

    name = models.CharField(max_length=120, unique=True)
    summary = models.CharField(
        "what it involves",
        max_length=300,
        help_text="One or two plain sentences on what the patient does or has done.",
    )
    conditions = models.ManyToManyField(
        Condition,
        related_name="options",
        help_text="The conditions it is an option for. It is listed on each of their pages.",
    )
    effectiveness = models.CharField(
        "how well it works",
        max_length=300,
        help_text="One or two plain sentences from the sources. Figures only where a source "
        "gives them.",
    )
    main_risks = models.CharField("main risks", max_length=300)
    recovery = models.CharField(
        "recovery time", max_length=160, help_text="How long until most people feel the effect."
    )

    schema = Schema(
        front=(
            "name",
            "slug",
            "summary",
            "conditions",
            "effectiveness",
            "main_risks",
            "recovery",
            "status",
            "last_reviewed",
            "reviewed_by",
            "sources",
        ),
    )
    url_name = ""  # shown on its conditions' pages, with no page of its own

    class Meta(ContentPage.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        first = self.conditions.published().order_by("slug").first()
        return f"{first.get_absolute_url()}#option-{self.slug}" if first else ""

    def had_public_address(self, old) -> bool:
        return False

    @property
    def title(self) -> str:
        return self.name


class ComparisonQuerySet(PageQuerySet):
    def published(self):
        """Live comparisons whose two procedures are both live."""
        return (
            super()
            .published()
            .filter(first__status=Status.PUBLISHED, second__status=Status.PUBLISHED)
        )

    def involving(self, procedure):
        return self.filter(Q(first=procedure) | Q(second=procedure))


class Comparison(ContentPage):
    """Two procedures side by side, at /compare/<first>-vs-<second>/."""

    first = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+")
    key_difference = models.CharField(
        "the key difference",
        max_length=300,
        help_text="One plain sentence a patient would remember.",
    )
    discussion = MarkdownxField(
        "choosing between them",
        help_text="A few short paragraphs: what the evidence says, and what to ask.",
    )
    discussion_html = models.TextField(editable=False, blank=True)

    schema = Schema(
        front=(
            "slug",
            "first",
            "second",
            "summary",
            "key_difference",
            "status",
            "last_reviewed",
            "reviewed_by",
            "sources",
        ),
        body="discussion",
    )
    url_name = "procedures:comparison"

    objects = ComparisonQuerySet.as_manager()

    class Meta(ContentPage.Meta):
        ordering = ["slug"]
        constraints = [
            *ContentPage.Meta.constraints,
            models.UniqueConstraint(fields=["first", "second"], name="comparison_pair_unique"),
            models.CheckConstraint(
                condition=~Q(first=models.F("second")), name="comparison_two_procedures"
            ),
        ]

    def __str__(self) -> str:
        if self.first_id and self.second_id:
            return f"{self.first.title} or {self.second.title.lower()}"
        return self.slug

    @staticmethod
    def address(first_slug: str, second_slug: str) -> str:
        return f"{first_slug}-vs-{second_slug}"

    def derive_fields(self, *, keep_html: bool = False) -> None:
        super().derive_fields(keep_html=keep_html)
        # The address always names the two procedures as they are called now.
        self.slug = self.address(self.first.slug, self.second.slug)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.message_dict
        if self.first_id and self.first_id == self.second_id:
            errors["second"] = ["Choose two different procedures."]
        pair = Comparison.objects.filter(
            Q(first_id=self.first_id, second_id=self.second_id)
            | Q(first_id=self.second_id, second_id=self.first_id)
        )
        if self.first_id and self.second_id and pair.exclude(pk=self.pk).exists():
            errors["second"] = ["These two procedures are already compared."]
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def compared_fields() -> tuple[str, ...]:
        """The procedure facts side by side, in the table's order."""
        glance = Procedure.group("at_a_glance").fields
        return ("summary", "suits", *glance, "effectiveness", "main_risks", "driving", "work")

    def rows(self) -> list[tuple[str, str, str]]:
        """(label, first procedure's fact, second's) for each row of the table."""
        return [
            (self.row_label(name), getattr(self.first, name), getattr(self.second, name))
            for name in self.compared_fields()
        ]

    @staticmethod
    def row_label(name: str) -> str:
        """A row's label, in the language the page is shown in."""
        return gettext("What it is") if name == "summary" else Procedure.shown_label(name)
