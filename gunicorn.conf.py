"""gunicorn settings, read by `make run` and by deployments (`gunicorn -c gunicorn.conf.py`)."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
wsgi_app = "config.wsgi"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On restart or shutdown, requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# No control socket: its default path is shared by every gunicorn the user runs, and one
# instance removes another's. Restarts and reloads use signals (see docs/deploy.md).
control_socket_disable = True
# Recycle workers now and then, so a slow leak never grows (0: never).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10

# Only Django decides whether a request came over HTTPS (DJANGO_TRUSTED_PROXY_COUNT);
# gunicorn itself trusts no forwarded header.
forwarded_allow_ips = ""
secure_scheme_headers = {}

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
# %(U)s is the path without its query string: query strings can carry personal data.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
