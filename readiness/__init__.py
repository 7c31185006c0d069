"""Trygghetspunktsregistret: the application factory only wires things together."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from readiness.config import ConfigError, load_config
from readiness.extensions import babel, cache, compress, csrf, db, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = str(PROJECT_ROOT / "migrations")


def _check_criteria_overrides(overrides: dict) -> None:
    """Refuse unknown criteria parameters at start-up, as a configuration error (config.py only
    reads the file: the lowest layer knows no feature)."""
    from readiness.criteria.catalog import CatalogError, validate_overrides

    try:
        validate_overrides(overrides)
    except CatalogError as error:
        raise ConfigError(str(error)) from None


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(load_config(app.instance_path, overrides))
    _check_criteria_overrides(app.config["CRITERIA_OVERRIDES"])
    app.json.sort_keys = False  # keep the contract's field order in JSON

    from readiness import i18n
    from readiness.actions import models as _action_models  # noqa: F401 (tables for migrations)
    from readiness.areas import models as _area_models  # noqa: F401
    from readiness.audits import models as _audit_models  # noqa: F401
    from readiness.auth import access, throttle
    from readiness.crisis import models as _crisis_models  # noqa: F401
    from readiness.crisis import web as crisis_web
    from readiness.criteria import models as _criteria_models  # noqa: F401
    from readiness.jobs import models as _job_models  # noqa: F401
    from readiness.notices import models as _notice_models  # noqa: F401
    from readiness.points import template_filters
    from readiness.public import static as _static_pages  # noqa: F401 (its commit hook)
    from readiness.yearwheel import models as _yearwheel_models  # noqa: F401

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(
        app, locale_selector=i18n.select_locale, timezone_selector=lambda: "Europe/Stockholm"
    )
    throttle.init_app(app)
    cache.init_app(app)
    compress.init_app(app)  # after_request: responses over COMPRESS_MIN_SIZE, when asked

    from readiness import request_guard

    request_guard.register(app)  # before the blueprints: their routes bind its `int` converter

    from readiness.actions.views import bp as actions_bp
    from readiness.admin.views import bp as admin_bp
    from readiness.api import bp as api_bp
    from readiness.areas.views import bp as areas_bp
    from readiness.audits.views import bp as audits_bp
    from readiness.auth.views import bp as auth_bp
    from readiness.confirmations.views import bp as confirmations_bp
    from readiness.crisis.views import bp as crisis_bp
    from readiness.criteria.views import bp as criteria_bp
    from readiness.exchange.views import bp as exchange_bp
    from readiness.health import bp as health_bp
    from readiness.jobs.views import bp as jobs_bp
    from readiness.notices.views import bp as notices_bp
    from readiness.points.views import bp as points_bp
    from readiness.public.views import bp as public_bp
    from readiness.reports.views import bp as reports_bp
    from readiness.yearwheel.views import bp as yearwheel_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(points_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(criteria_bp)
    app.register_blueprint(areas_bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(notices_bp)
    app.register_blueprint(audits_bp)
    app.register_blueprint(actions_bp)
    app.register_blueprint(crisis_bp)
    app.register_blueprint(yearwheel_bp)
    app.register_blueprint(confirmations_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(exchange_bp)
    app.register_blueprint(jobs_bp)
    app.register_blueprint(health_bp)  # /healthz, open to monitoring
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    csrf.exempt(api_bp)  # the API authenticates with bearer tokens, never with the session cookie

    from readiness import cli
    from readiness.errors import register_error_handlers

    register_error_handlers(app)
    access.register(app)
    i18n.register(app)
    template_filters.register(app)
    crisis_web.register(app)
    cli.register(app)
    return app
