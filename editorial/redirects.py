"""Old page addresses that keep working after a page's address changes.

Kept as django.contrib.redirects rows; its middleware answers them with a 301.
"""

from django.conf import settings
from django.contrib.redirects.models import Redirect


def record_move(old_path: str, new_path: str) -> None:
    """`old_path` now lives at `new_path`; earlier addresses of the page go straight there."""
    site = settings.SITE_ID
    Redirect.objects.filter(site_id=site, old_path=new_path).delete()  # moved back: live again
    Redirect.objects.filter(site_id=site, new_path=old_path).update(new_path=new_path)  # no chains
    Redirect.objects.update_or_create(
        site_id=site, old_path=old_path, defaults={"new_path": new_path}
    )
