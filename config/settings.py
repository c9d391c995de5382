"""Settings for the patient site. Whatever differs between machines comes from the environment."""

import importlib.util
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


_TRUE_WORDS = ("1", "true", "yes", "on")
_FALSE_WORDS = ("0", "false", "no", "off")


def envbool(name: str, default: str) -> bool:
    """A yes or no; a typo stops start-up rather than quietly meaning no."""
    value = os.environ.get(name, default)
    word = value.strip().lower()
    if word not in _TRUE_WORDS + _FALSE_WORDS:
        raise ImproperlyConfigured(
            f"{name}={value} is not a yes or no: use 1 or 0, true or false, yes or no, on or off."
        )
    return word in _TRUE_WORDS


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value} is not a whole number.") from None


def _require_s3_packages() -> None:
    """S3 storage is an optional extra: say how to install it rather than fail on first upload."""
    if any(importlib.util.find_spec(name) is None for name in ("storages", "boto3")):
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs django-storages and boto3, which are not installed: "
            "pip install --require-hashes -r requirements-s3.txt"
        )


DEBUG = envbool("DJANGO_DEBUG", "1")

_LOCAL_SECRET_KEY = "local-development-only-not-secret"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", _LOCAL_SECRET_KEY)
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

if not DEBUG and (SECRET_KEY == _LOCAL_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY (50 or more random characters) when DJANGO_DEBUG is off."
    )
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS when DJANGO_DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Search lookups for PostgreSQL; nothing on SQLite.
    "django.contrib.postgres",
    "django.contrib.sites",
    "django.contrib.redirects",
    "axes",
    "markdownx",
    "core",
    "accounts",
    "procedures",
    "editorial",
    "appointments",
    "pagecache",
    "search",
    "feedback",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the rest, so even a page for an error in other middleware is in its language.
    "core.languages.language_from_address",
    "core.security.AllowedMethodsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pagecache.middleware.PageCacheMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "core.security.PublicBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # All the Markdown one request renders shares one time budget.
    "procedures.markdown.render_budget_middleware",
    # A page's old address, kept when its slug changed, answers 301 instead of 404.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
]

# One site: django.contrib.redirects keeps old page addresses under it.
SITE_ID = 1

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.practice",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers write at once: wait for the lock instead of failing,
    # and take it at the start of each transaction so two writers never deadlock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.sign_in_pause.PausedAccountBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at the addresses patients know; each other language under its own prefix (/es/).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# In production a proxy or object storage serves uploads; Django serves them only when asked.
SERVE_MEDIA = envbool("DJANGO_SERVE_MEDIA", "1" if DEBUG else "0")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ORIGIN = ""
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE} is not local or s3.")
if MEDIA_STORAGE == "s3":
    _require_s3_packages()
    # Uploaded pictures in S3-compatible object storage (credentials: AWS_ACCESS_KEY_ID and
    # AWS_SECRET_ACCESS_KEY). Serve the bucket under the site's own domain if you can
    # (AWS_S3_CUSTOM_DOMAIN), so patients' browsers talk to no other host.
    custom_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": custom_domain,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    if custom_domain:
        MEDIA_ORIGIN = "https://" + custom_domain.split("/")[0]
    elif os.environ.get("AWS_S3_ENDPOINT_URL"):
        endpoint = urlsplit(os.environ["AWS_S3_ENDPOINT_URL"])
        MEDIA_ORIGIN = f"{endpoint.scheme}://{endpoint.netloc}"

# Security headers and HTTPS. Production (DJANGO_DEBUG=0) is HTTPS-only by default.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", "0" if DEBUG else "1")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", "0" if DEBUG else "1")
SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 0 if DEBUG else 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "1")
SECURE_HSTS_PRELOAD = envbool("DJANGO_HSTS_PRELOAD", "1")

# Proxies: how many trusted proxies stand in front of the app, each adding the address it
# saw to X-Forwarded-For. 0 (the default) trusts no header at all: the client is the
# address that connected. With 1 or more, X-Forwarded-Proto says whether it was HTTPS.
TRUSTED_PROXY_COUNT = envint("DJANGO_TRUSTED_PROXY_COUNT", 0)
# X-Forwarded-For counts only on connections from these addresses (or networks): a client
# that reaches gunicorn directly cannot choose its own address.
TRUSTED_PROXIES = envlist("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1")
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: nothing inline, nothing from other hosts. The admin may also
# use inline style attributes, which its widgets rely on.
_IMAGE_SOURCES = [SELF, *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": _IMAGE_SOURCES,
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
ADMIN_CSP_UPDATE = {"style-src": [UNSAFE_INLINE], "img-src": ["data:"]}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

# Staff accounts. The admin's address, idle sign-out, and lockout after failed sign-ins.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
# Where signing in leads when `next` is missing or points off the site.
LOGIN_REDIRECT_URL = "admin:index"
SESSION_COOKIE_AGE = envint("STAFF_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True  # so the age counts from the last request: an idle limit
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.security.client_address"
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False
# Across all addresses: this many failures for one account within the window pause it,
# and its owner is e-mailed (accounts/sign_in_pause.py).
ACCOUNT_FAILURE_LIMIT = envint("ACCOUNT_FAILURE_LIMIT", 20)
ACCOUNT_FAILURE_WINDOW_HOURS = envint("ACCOUNT_FAILURE_WINDOW_HOURS", 24)
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# The practice this site speaks for.
PRACTICE_NAME = os.environ.get("PRACTICE_NAME", "Spine and Pain Interventional Radiology")
PRACTICE_PHONE = os.environ.get("PRACTICE_PHONE", "(555) 010-0199")
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "911")

# The site's own address, for links in e-mails. In production it is never taken from a
# request's Host header. While debugging it may be empty: a link then starts with the address
# the request came in on (`PORT=8871 make run` links to port 8871; appointments.services).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/") or (
    "" if DEBUG else "https://" + ALLOWED_HOSTS[0].lstrip(".")
)

# Request bodies: public forms are a few hundred bytes; staff forms hold whole pages.
PUBLIC_POST_MAX_BYTES = envint("PUBLIC_POST_MAX_BYTES", 16_384)
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000

# Callback requests.
FRONT_DESK_EMAIL = os.environ.get("FRONT_DESK_EMAIL", "front-desk@localhost")
CALLBACK_RATE_LIMIT = os.environ.get("CALLBACK_RATE_LIMIT", "5/h")
FEEDBACK_RATE_LIMIT = os.environ.get("FEEDBACK_RATE_LIMIT", "20/h")
CALLBACK_RESPONSE_TIME = os.environ.get("CALLBACK_RESPONSE_TIME", "within one business day")
# The same promise in Spanish, for the Spanish form and confirmation.
CALLBACK_RESPONSE_TIME_ES = os.environ.get("CALLBACK_RESPONSE_TIME_ES", "dentro de un día hábil")
# The promise above in business days (Monday to Friday): a new request waiting longer is overdue.
CALLBACK_RESPONSE_BUSINESS_DAYS = envint("CALLBACK_RESPONSE_BUSINESS_DAYS", 1)
PHONE_REGION = os.environ.get("PHONE_REGION", "US")

# E-mail: printed to the console unless the environment says otherwise.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH", BASE_DIR / "sent-emails")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("DJANGO_EMAIL_USE_TLS", "0")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "website@localhost")

# The cache holds the rate-limit counts and the failed sign-in counts; Redis shares them
# across servers, and sessions live there too, so a staff sign-in holds on every server.
# Without Redis they are kept in the database (its table comes with `migrate`), so every
# worker counts together and the counts outlive a worker's restart.
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(url: str) -> dict:
    # A Redis that is down or unreachable answers in seconds, not a worker's whole timeout.
    timeouts = {"socket_connect_timeout": 2, "socket_timeout": 2}
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "OPTIONS": timeouts,
    }


CACHES = {
    "default": (
        redis_cache(REDIS_URL)
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
    )
}
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
# Public pages (pagecache) in a cache of their own, which sessions and rate-limit counts
# never share: best a Redis instance of its own (PAGE_CACHE_REDIS_URL, docs/deploy.md),
# else REDIS_URL, else each worker's memory.
PAGE_CACHE_REDIS_URL = os.environ.get("PAGE_CACHE_REDIS_URL", "") or REDIS_URL
CACHES["pages"] = (
    redis_cache(PAGE_CACHE_REDIS_URL)
    if PAGE_CACHE_REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
)
# Public pages for anonymous readers (pagecache): kept this long on the server (0: not kept),
# and how long browsers and proxies may reuse them, then serve them stale while they fetch a
# fresh one. Every worker reads the content version from Redis, or without it from the
# database (pagecache.invalidation). Off while debugging, so template edits show at once.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 0 if DEBUG else 86400)
PAGE_MAX_AGE = envint("PAGE_MAX_AGE", 60)
PAGE_STALE_WHILE_REVALIDATE = envint("PAGE_STALE_WHILE_REVALIDATE", 300)

# django-markdownx: the editor's preview uses the same renderer and sanitizer as the public page.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "procedures.editor.preview_html"
# Pictures staff upload: real JPEG, PNG or WebP only, within these limits.
IMAGE_MAX_UPLOAD_BYTES = 5_000_000
IMAGE_MAX_PIXELS = 36_000_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# The starter pages that import_content loads and export_content writes.
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content"))
