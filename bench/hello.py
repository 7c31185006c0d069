"""The bare Flask hello-world the resident page is compared with (bench/bench_public.py)."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
