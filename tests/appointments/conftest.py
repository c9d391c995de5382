import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counts live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def valid_post() -> dict:
    return {
        "full_name": "Ada Patient",
        "phone": "(202) 555-0143",
        "email": "",
        "contact_time": "morning",
        "procedure": "",
        "has_referral": "yes",
        "has_imaging": "not_sure",
        "message": "My back hurts when I walk.",
        "consent": "on",
        "website": "",
    }
