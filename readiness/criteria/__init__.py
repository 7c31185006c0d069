from flask import Blueprint

bp = Blueprint("readiness", __name__)

from readiness.criteria import views  # noqa: E402,F401
