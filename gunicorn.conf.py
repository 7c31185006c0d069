"""gunicorn's settings for this app, read automatically when gunicorn starts in this folder
(`gunicorn -w 4 wsgi:app`, `make serve`). Command-line options override them."""

# Request lines up to gunicorn's maximum reach the app, which answers URLs over 4096 characters
# with 414 in the contract's error shape (readiness/request_guard.py). With gunicorn's default,
# 4094, gunicorn would answer first with its own HTML 414; lines over 8190 still get that one.
limit_request_line = 8190
