from flask import Blueprint

bp = Blueprint("api", __name__)

from readiness.api import (  # noqa: E402,F401
    areas,
    audits,
    auth,
    crisis,
    notices,
    points,
    public,
    readiness,
)
