from flask import Blueprint

bp = Blueprint("api", __name__)

from readiness.api import audits, auth, crisis, notices, points, public, readiness  # noqa: E402,F401
