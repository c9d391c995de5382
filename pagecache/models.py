from django.db import models


class ContentVersion(models.Model):
    """The site's content version, kept here when the cache is a memory cache in each worker.

    Such a cache cannot tell other workers that a page changed; the database is the one
    place every worker reads. A version written in the same transaction as the change is
    seen by other workers exactly when the change is.
    """

    value = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.value
