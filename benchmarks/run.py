"""`make bench`: the site on gunicorn with production settings and the starter content, measured
with wrk over loopback in alternating short rounds, as medians, beside the static CSS file.

Two servers (2 workers each) run the same code and settings, one with the page cache and one
without; only one is under load at a time. Then benchmarks/pages.py counts queries per page
and times renders with 10 and 1,000 procedures.
"""

import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
CONNECTIONS = 16
PAGE = "/procedures/vertebroplasty/"

sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
from tests.servers import gunicorn  # noqa: E402


def production_env(folder: Path, **extra: str) -> dict:
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "GUNICORN_ACCESS_LOG": "",
        "DJANGO_LOG_LEVEL": "WARNING",
        # wrk sends more requests in a second than a practice's site gets in a day: with
        # recycling on, the rounds would measure workers starting instead of pages.
        "GUNICORN_MAX_REQUESTS": "0",
        **extra,
    }


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if check and result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result


def prepare(env: dict) -> str:
    """Database, static files and the starter content; returns the procedure page to measure."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    imported = manage(env, "import_content", check=False)
    if imported.returncode:
        print("The starter content in content/ could not be imported:")
        print("  " + imported.stderr.strip().splitlines()[0])
        print("Measuring 10 generated procedures instead (tests/factories.py).\n")
        manage(env, "shell", "-c", GENERATED)
        return "/procedures/procedure-1/"
    return PAGE


GENERATED = """
from tests.factories import make_condition, make_procedure
conditions = [make_condition() for _ in range(4)]
for number in range(10):
    make_procedure(slug=f"procedure-{number + 1}", title=f"Treatment {number + 1}",
                   conditions=conditions[number % 4:number % 4 + 2])
"""


def static_css(env: dict) -> str:
    manifest = json.loads((Path(env["DJANGO_STATIC_ROOT"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def wrk(url: str, seconds: int = SECONDS) -> dict:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    if "Non-2xx" in out or "Socket errors" in out:
        sys.exit(f"wrk saw errors for {url}:\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out)[1]),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out)[1]),
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def measure(targets: dict[str, str]) -> dict[str, list[dict]]:
    """Each target once per round; the order flips every round so that drift evens out."""
    for url in targets.values():
        wrk(url, seconds=1)  # warm every worker: templates, connections, cached pages
    results = {name: [] for name in targets}
    names = list(targets)
    for number in range(ROUNDS):
        for name in names if number % 2 == 0 else reversed(names):
            results[name].append(wrk(targets[name]))
    return results


def report(results: dict[str, list[dict]]) -> None:
    static = statistics.median(r["rps"] for r in results["static CSS file"])
    print(f"\nwrk, {CONNECTIONS} connections, {ROUNDS} rounds of {SECONDS} s; medians")
    print(f"  {'':28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs static':>10} {'range':>13}")
    for name, rounds in results.items():
        rps = statistics.median(r["rps"] for r in rounds)
        low = min(r["rps"] for r in rounds) / static
        high = max(r["rps"] for r in rounds) / static
        print(
            f"  {name:28} {rps:9.0f} {statistics.median(r['p50'] for r in rounds):8.2f}"
            f" {statistics.median(r['p99'] for r in rounds):8.2f} {rps / static:10.2f}"
            f" {low:6.2f}-{high:.2f}"
        )


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: apt-get install wrk")
    folder = Path(tempfile.mkdtemp(prefix="ir-bench-"))
    try:
        env = production_env(folder)
        page = prepare(env)
        print(f"Database: SQLite; cache: {'Redis' if env.get('REDIS_URL') else 'local memory'}")
        cached_env = {**env, "PAGE_CACHE_SECONDS": "86400"}
        uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
        with gunicorn(cached_env, workers=2) as cached, gunicorn(uncached_env, workers=2) as plain:
            results = measure(
                {
                    "procedure page, cached": cached + page,
                    "procedure page, cache off": plain + page,
                    "/robots.txt": cached + "/robots.txt",
                    "static CSS file": cached + static_css(env),
                }
            )
        report(results)
        subprocess.run(
            [sys.executable, "-m", "benchmarks.pages"],
            cwd=BASE_DIR,
            check=True,
            env={**env, "PAGE_CACHE_SECONDS": "0"},
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
