"""A per-client limit on callback requests, counted in Django's cache.

With REDIS_URL set the cache is Redis, so every gunicorn worker and server shares
one count.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int] | None:
    """'5/h' -> (5, 3600); '0' or '' -> None, meaning no limit."""
    rate = rate.strip()
    if rate in ("", "0"):
        return None
    match = re.fullmatch(r"(\d+)/([smhd])", rate)
    if not match:
        raise ImproperlyConfigured(f"CALLBACK_RATE_LIMIT must look like '5/h', not {rate!r}.")
    return int(match[1]), PERIODS[match[2]]


def over_limit(client_address: str) -> bool:
    """Count one request from this client; True when it goes past the limit."""
    rate = parse_rate(settings.CALLBACK_RATE_LIMIT)
    if rate is None:
        return False
    allowed, period = rate
    window = int(time.time() // period)
    # The address is hashed so the cache holds no readable client addresses.
    client = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address}".encode()).hexdigest()[:32]
    key = f"callback-rate:{client}:{period}:{window}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=period)
        count = 1
    return count > allowed
