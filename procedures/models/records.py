"""Records kept about pages: old addresses that now redirect, and saved versions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


def keep_old_address(page, url_name: str, *, was_public) -> None:
    """Before a save that changes a public page's slug, send its old address to the new one."""
    if page.pk is None:
        return
    old = type(page).objects.filter(pk=page.pk).first()
    if old and old.slug != page.slug and was_public(old):
        PageRedirect.record_move(
            reverse(url_name, args=[old.slug]), reverse(url_name, args=[page.slug])
        )


class PageRedirect(models.Model):
    """An old page address that now lives elsewhere (its slug changed after publishing)."""

    old_path = models.CharField(max_length=200, unique=True)
    new_path = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"{self.old_path} → {self.new_path}"

    @classmethod
    def record_move(cls, old_path: str, new_path: str) -> None:
        cls.objects.filter(old_path=new_path).delete()  # moved back: the new path is live again
        cls.objects.filter(new_path=old_path).update(new_path=new_path)  # no chains
        cls.objects.update_or_create(old_path=old_path, defaults={"new_path": new_path})


class Revision(models.Model):
    """A saved version of a procedure page: who, when, what changed, and all of it."""

    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.CASCADE, related_name="revisions"
    )
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    summary = models.CharField(max_length=300)
    # The page in the content-file data format, so a revision is also an exportable file.
    data = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.procedure} at {self.created_at:%Y-%m-%d %H:%M}"
