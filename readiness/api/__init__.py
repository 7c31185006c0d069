from flask import Blueprint

bp = Blueprint("api", __name__)

from readiness.api import auth, notices, points, readiness  # noqa: E402,F401
