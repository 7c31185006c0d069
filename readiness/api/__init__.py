from flask import Blueprint

bp = Blueprint("api", __name__)

from readiness.api import (  # noqa: E402,F401
    actions,
    areas,
    audits,
    auth,
    confirmations,
    crisis,
    docs,
    exchange,
    jobs,
    notices,
    points,
    public,
    readiness,
    reports,
    tasks,
)
