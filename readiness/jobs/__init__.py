"""Background jobs: batch prints, reports, exports and imports that take longer than a request.

One interface, two backends (queue.py): RQ on Redis when REDIS_URL is set (`flask --app wsgi
worker` runs them), else a small thread pool inside the web process. Either way the job's state
lives in the database (models.Job), so the API, the pages and both backends read the same row.
"""
