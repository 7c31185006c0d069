from flask import Blueprint

bp = Blueprint("points", __name__)

from readiness.points import views  # noqa: E402,F401
