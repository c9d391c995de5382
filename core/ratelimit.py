"""Per-client limits on what patients send (callback requests, page feedback), counted in
Django's cache.

With REDIS_URL set the cache is Redis, so every gunicorn worker and server shares
one count; without it the cache is a database table, which every worker shares too.
"""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str, setting: str = "CALLBACK_RATE_LIMIT") -> tuple[int, int] | None:
    """'5/h' -> (5, 3600); '0' or '' -> None, meaning no limit."""
    rate = rate.strip()
    if rate in ("", "0"):
        return None
    match = re.fullmatch(r"(\d+)/([smhd])", rate)
    if not match:
        raise ImproperlyConfigured(f"{setting} must look like '5/h', not {rate!r}.")
    return int(match[1]), PERIODS[match[2]]


def over_limit(client_address: str, setting: str = "CALLBACK_RATE_LIMIT") -> bool:
    """Count one request from this client against the limit in `setting`; True when it
    goes past it."""
    rate = parse_rate(getattr(settings, setting), setting)
    if rate is None:
        return False
    allowed, period = rate
    window = int(time.time() // period)
    # The address is hashed so the cache holds no readable client addresses.
    client = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address}".encode()).hexdigest()[:32]
    key = f"rate:{setting}:{client}:{period}:{window}"
    try:
        return _count(key, period) > allowed
    except RedisError:
        # A patient's message matters more than the limit: let this one through, loudly.
        logger.error("Rate limit %s not counted: Redis did not answer", setting)
        return False


def _count(key: str, period: int) -> int:
    cache.add(key, 0, timeout=period)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=period)
        return 1
