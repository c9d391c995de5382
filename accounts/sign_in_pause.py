"""A limit on failed sign-ins per staff account, whatever address they come from.

django-axes pauses one account from one address after a few failures; a guesser who
spreads tries over many addresses is stopped here instead, after more failures in a
longer window, and the account's owner is told by e-mail. `lift` ends both pauses: the
unlock_staff_account command and the staff accounts admin call it.
"""

import hashlib
import logging

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.utils import timezone

logger = logging.getLogger(__name__)


def _key(username: str) -> str:
    # Hashed, so the cache never holds a name someone typed.
    return "account-failures:" + hashlib.sha256(username.casefold().encode()).hexdigest()


def failures(username: str) -> int:
    return cache.get(_key(username), 0)


def is_paused(username: str | None) -> bool:
    return bool(username) and failures(username) >= settings.ACCOUNT_FAILURE_LIMIT


def record_failure(sender, credentials, request=None, **kwargs) -> None:
    """user_login_failed: count it; at the limit, tell the account's owner once."""
    username = credentials.get("username")
    if not username:
        return
    key, window = _key(username), settings.ACCOUNT_FAILURE_WINDOW_HOURS * 3600
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ran out between the two calls: this failure starts anew
        cache.set(key, count := 1, timeout=window)
    if count == settings.ACCOUNT_FAILURE_LIMIT:
        _notify_owner(username)


def lift(username: str) -> None:
    """Let the account sign in again now: both pauses end and the counts start anew."""
    cache.delete(_key(username))
    axes_reset(username=username)
    logger.warning("Signing in to a staff account was unpaused by an administrator.")


def paused_usernames(usernames) -> set[str]:
    """Which of `usernames` are paused, in one round trip to the cache."""
    keys = {_key(username): username for username in usernames}
    counts = cache.get_many(list(keys))
    paused = {keys[key] for key, count in counts.items() if count >= settings.ACCOUNT_FAILURE_LIMIT}
    locked_here = AccessAttempt.objects.filter(
        username__in=keys.values(),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    )
    return paused | set(locked_here.values_list("username", flat=True))


def forget_failures(sender, user, request=None, **kwargs) -> None:
    """user_logged_in: a correct password starts the count again."""
    cache.delete(_key(user.get_username()))


def _notify_owner(username: str) -> None:
    # Logged without the name tried or the addresses it came from: only that it happened.
    logger.warning("A staff account reached the failed sign-in limit; signing in is paused.")
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None or not user.email:
        return
    hours = settings.ACCOUNT_FAILURE_WINDOW_HOURS
    send_mail(
        "Signing in to your staff account is paused",
        f"Someone tried to sign in to your staff account with a wrong password "
        f"{settings.ACCOUNT_FAILURE_LIMIT} times within {hours} hours, from more than one "
        f"place. To keep the account safe, signing in is paused for up to {hours} hours.\n\n"
        "If this was not you, tell the site's administrator and change your password "
        "when you can sign in again. An administrator can lift the pause sooner.",
        None,
        [user.email],
    )


class PausedAccountBackend:
    """Before ModelBackend: refuses every sign-in to a paused account.

    It only ever refuses, so it has no get_user(): sessions stay with ModelBackend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if is_paused(username):
            raise PermissionDenied  # stops the other backends; the login form says no
        return None
