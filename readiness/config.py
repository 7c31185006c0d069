"""Configuration: the only place that reads os.environ."""

from __future__ import annotations

import os
import shlex
import sys
import tempfile
import tomllib
from pathlib import Path

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:5000"
# Swedish first; every screen, sheet and public page exists in both.
LANGUAGES = ("sv", "en")
# How new passwords are hashed (werkzeug's `generate_password_hash` method): scrypt at full
# strength. Only the tests set a cheap method (PASSWORD_HASH_METHOD in the factory's overrides),
# since a login then costs a fraction of a millisecond instead of a third of a second.
DEFAULT_PASSWORD_HASH_METHOD = "scrypt"


class ConfigError(RuntimeError):
    """Raised at start-up when the environment cannot run the app safely."""


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if value <= 0:
        raise ConfigError(f"{name} must be a number above 0, not {raw!r}.")
    return value


def _worker_count() -> int:
    """How many worker processes serve the app, as far as the environment tells: gunicorn reads
    WEB_CONCURRENCY, GUNICORN_CMD_ARGS and its own command line (`-w N`, `--workers N`)."""
    count = os.environ.get("WEB_CONCURRENCY", "")
    words = shlex.split(os.environ.get("GUNICORN_CMD_ARGS", ""))
    if Path(sys.argv[0]).name.startswith("gunicorn"):
        words += sys.argv[1:]
    for index, word in enumerate(words):
        if word in ("-w", "--workers") and index + 1 < len(words):
            count = words[index + 1]
        elif word.startswith("--workers="):
            count = word.removeprefix("--workers=")
        elif word.startswith("-w") and word[2:].isdigit():
            count = word[2:]
    return int(count) if count.isascii() and count.isdigit() else 1


def _criteria_overrides(instance_path: str) -> dict:
    """Per-municipality criteria parameters, from CRITERIA_OVERRIDES_FILE or
    instance/criteria-overrides.toml, e.g. `[Vilhelmina]` / `"POWER-RUNTIME.min_hours" = 96`."""
    path = os.environ.get("CRITERIA_OVERRIDES_FILE") or str(
        Path(instance_path) / "criteria-overrides.toml"
    )
    if not Path(path).is_file():
        if os.environ.get("CRITERIA_OVERRIDES_FILE"):
            raise ConfigError(f"CRITERIA_OVERRIDES_FILE {path} does not exist.")
        return {}
    try:
        overrides = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    return overrides


def _choose_cache(config: dict) -> None:
    """RedisCache on REDIS_URL (or CACHE_REDIS_URL) unless CACHE_TYPE says otherwise; else the
    in-process SimpleCache."""
    redis_url = config.get("CACHE_REDIS_URL") or config.get("REDIS_URL")
    if not config.get("CACHE_TYPE"):
        config["CACHE_TYPE"] = "RedisCache" if redis_url else "SimpleCache"
    if config["CACHE_TYPE"] in ("RedisCache", "redis", "flask_caching.backends.RedisCache"):
        config["CACHE_REDIS_URL"] = redis_url  # None: Flask-Caching's localhost:6379
        # A Redis that stops answering costs a page at most a second; it then renders without
        # the cache (public/cache.py).
        config["CACHE_OPTIONS"] = {"socket_connect_timeout": 1, "socket_timeout": 1}
        if not config.get("CACHE_KEY_PREFIX"):
            raise ConfigError("CACHE_KEY_PREFIX must not be empty with RedisCache.")


def load_config(instance_path: str, overrides: dict | None = None) -> dict:
    """Build the Flask config from the environment, then apply explicit overrides."""
    overrides = dict(overrides or {})
    testing = bool(overrides.get("TESTING"))
    debug = _env_flag("FLASK_DEBUG", False)
    default_db = "sqlite:///" + str(Path(instance_path) / "readiness.sqlite3")
    public_base_url = os.environ.get("PUBLIC_BASE_URL", DEFAULT_PUBLIC_BASE_URL).rstrip("/")
    config = {
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL", default_db),
        "PUBLIC_BASE_URL": public_base_url,
        # Where the public pages are kept rendered for the reverse proxy (public/static.py);
        # unset: nothing is written.
        "PUBLIC_STATIC_DIR": os.environ.get("PUBLIC_STATIC_DIR") or None,
        # Secure cookies need HTTPS; a plain-http base URL means a local or demo install.
        "SESSION_COOKIE_SECURE": _env_flag(
            "SESSION_COOKIE_SECURE", public_base_url.startswith("https://")
        ),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _env_flag(
            "SESSION_COOKIE_SECURE", public_base_url.startswith("https://")
        ),
        "PERMANENT_SESSION_LIFETIME": 12 * 3600,
        "BABEL_DEFAULT_LOCALE": "sv",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "LANGUAGES": LANGUAGES,
        # Rendered public pages are kept a few seconds: a whole village may reload the page at
        # once in an outage. A commit that touches public data clears the cache. With REDIS_URL
        # every worker shares it (RedisCache, below), so a state change shows on all of them at
        # once; without, each process has its own (SimpleCache). CACHE_TYPE chooses explicitly.
        "CACHE_TYPE": os.environ.get("CACHE_TYPE") or None,
        "CACHE_REDIS_URL": os.environ.get("CACHE_REDIS_URL") or None,
        # Clearing the cache deletes only keys with this prefix; without one Flask-Caching's
        # RedisCache.clear() runs FLUSHDB and would wipe the login throttle's counts too.
        "CACHE_KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX") or "tp-public:",
        "CACHE_DEFAULT_TIMEOUT": int(os.environ.get("PUBLIC_CACHE_SECONDS", "5")),
        # Redis shared by every worker; without it the login throttle counts per process.
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI")
        or os.environ.get("REDIS_URL")
        or "memory://",
        "WORKERS": _worker_count(),
        # Responses over 1 KB go compressed to clients that ask (Flask-Compress: zstd, br, gzip):
        # a region's GeoJSON is 4 MB of JSON, ~0.3 MB compressed.
        "COMPRESS_MIMETYPES": [
            "text/html",
            "text/css",
            "text/plain",
            "text/csv",
            "text/calendar",
            "application/json",
            "application/geo+json",
            "application/xml",
            "application/atom+xml",
            "application/cap+xml",
            "image/svg+xml",
        ],
        "COMPRESS_MIN_SIZE": 1024,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "5 per 15 minutes"),
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # Background jobs (readiness/jobs): the files they make, kept JOB_RESULT_HOURS after the
        # job finished; without REDIS_URL jobs run in JOB_THREADS threads of the web process.
        # Tests keep their files out of instance/ unless they choose a directory.
        "JOB_RESULTS_DIR": os.environ.get("JOB_RESULTS_DIR")
        or str(
            Path(tempfile.gettempdir()) / "readiness-test-job-results"
            if testing
            else Path(instance_path) / "job-results"
        ),
        "JOB_RESULT_HOURS": _env_number("JOB_RESULT_HOURS", 24),
        "JOB_THREADS": int(_env_number("JOB_THREADS", 2)),
        # A batch of more notice sheets than this is printed as a job from the point list.
        "NOTICE_JOB_THRESHOLD": int(_env_number("NOTICE_JOB_THRESHOLD", 20)),
        "PASSWORD_HASH_METHOD": DEFAULT_PASSWORD_HASH_METHOD,
    }
    config["CRITERIA_OVERRIDES"] = _criteria_overrides(instance_path)
    config.update(overrides)
    _choose_cache(config)
    if config["PASSWORD_HASH_METHOD"] != DEFAULT_PASSWORD_HASH_METHOD and not testing:
        raise ConfigError(
            f"PASSWORD_HASH_METHOD {config['PASSWORD_HASH_METHOD']!r} is for tests only; "
            f"accounts are hashed with {DEFAULT_PASSWORD_HASH_METHOD}."
        )
    if not config["SECRET_KEY"] and not (testing or debug):
        raise ConfigError(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "value (e.g. python -c 'import secrets; print(secrets.token_hex(32))'). "
            "`make run` creates one in instance/secret_key for local use."
        )
    return config
