"""deploy/nginx.conf in front of the app (gunicorn): a resident's page answers from
PUBLIC_STATIC_DIR with the latest crisis state while the app is stopped, equal to what the app
served. The config is the documented file with its ports, paths and certificate replaced."""

from __future__ import annotations

import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from html import unescape
from pathlib import Path

import pytest
import requests

from tests.factories import make_point
from tests.public.crisis_steps import MESSAGE

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, **kwargs) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(url, timeout=5, **kwargs)
            return
        except (requests.ConnectionError, requests.Timeout):  # not listening, still starting
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def site_config(static_root: Path, app_port: int, https_port: int, folder: Path) -> str:
    """deploy/nginx.conf with this machine's ports, folder and a self-signed certificate."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")]
        + ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    text = CONFIG.read_text(encoding="utf-8")
    for placeholder, value in (
        ("    listen [::]:80;\n", ""),
        ("    listen [::]:443 ssl http2;\n", ""),
        ("listen 80;", f"listen 127.0.0.1:{free_port()};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("/etc/letsencrypt/live/tp.example.se/fullchain.pem", str(folder / "cert.pem")),
        ("/etc/letsencrypt/live/tp.example.se/privkey.pem", str(folder / "key.pem")),
        ("/var/lib/trygghetspunkt/public", str(static_root)),
        ("127.0.0.1:8000", f"127.0.0.1:{app_port}"),
    ):
        assert placeholder in text, f"deploy/nginx.conf no longer has {placeholder!r}"
        text = text.replace(placeholder, value)
    return text


@pytest.fixture
def nginx(site, tmp_path):
    """nginx running deploy/nginx.conf over the site's folder; yields (https URL, app port)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    folder = tmp_path / "nginx"
    folder.mkdir()
    app_port, https_port = free_port(), free_port()
    (folder / "site.conf").write_text(site_config(site.root, app_port, https_port, folder))
    temp = " ".join(
        f"{kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"daemon off; user root; pid {folder / 'nginx.pid'}; error_log {folder / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; {temp}\n"
        f"include {folder / 'site.conf'}; }}\n"
    )
    # -e: the log from the start, before the config is read (not /var/log/nginx as non-root).
    command = [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", "stderr"]
    check = subprocess.run([*command, "-t"], capture_output=True)
    assert check.returncode == 0, check.stderr.decode()
    base = f"https://127.0.0.1:{https_port}"
    with (folder / "stderr.log").open("wb") as log:
        process = subprocess.Popen(command, stderr=log)
        try:
            wait_for(base + "/p/", verify=str(folder / "cert.pem"))
            yield base, app_port, str(folder / "cert.pem")
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def gunicorn(database_url, site, nginx, tmp_path):
    """The app under gunicorn on the port nginx proxies to; `stop()` stops it."""
    _base, port, _cert = nginx
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": secrets.token_hex(16),
        "DATABASE_URL": database_url,
        "PUBLIC_STATIC_DIR": str(site.root),
        "PUBLIC_BASE_URL": "https://tp.example.se",
        "CACHE_TYPE": "SimpleCache",
        "RATELIMIT_STORAGE_URI": "memory://",
    }
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{port}"]
        + ["--no-control-socket", "wsgi:app"],  # no socket shared with other gunicorns
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )

    def stop() -> None:
        process.terminate()
        process.wait(timeout=30)

    try:
        wait_for(f"http://127.0.0.1:{port}/p/")
        yield f"http://127.0.0.1:{port}", stop
    finally:
        if process.poll() is None:
            stop()
        log.close()


def test_a_residents_page_answers_with_the_latest_crisis_state_while_the_app_is_stopped(
    site, nginx, gunicorn
):
    proxy, _port, cert = nginx
    app_url, stop_app = gunicorn
    point = make_point(site.session)
    token = site.api().token

    def through_proxy(path: str, **kwargs) -> requests.Response:
        return requests.get(proxy + path, verify=cert, timeout=10, **kwargs)

    # A coordinator opens the point, through the proxy, in the app.
    opened = requests.post(
        proxy + "/api/v1/crisis/activate",
        json={"codes": [point.code], "state": "open", "event": "Storm", "message": MESSAGE},
        headers={"Authorization": f"Bearer {token}"},
        verify=cert,
        timeout=30,
    )
    assert opened.status_code == 200, opened.text
    urls = (
        f"/p/{point.code}",
        f"/p/{point.code}?lang=en",
        "/p/",
        "/p/?municipality=Krokom",
        "/p/?municipality=Krokom&area=F%C3%B6llinge&lang=en",
        "/p/feed.atom?municipality=Krokom",
        "/api/v1/public/points.geojson",
    )
    served = {url: requests.get(app_url + url, timeout=10).content for url in urls}
    assert MESSAGE in unescape(served[f"/p/{point.code}"].decode())
    deadline = time.monotonic() + 10  # the render runs off the request
    while through_proxy(f"/p/{point.code}").content != served[f"/p/{point.code}"]:
        assert time.monotonic() < deadline, "the static page never showed the activation"
        time.sleep(0.1)

    stop_app()
    with pytest.raises(requests.ConnectionError):
        requests.get(app_url + "/p/", timeout=2)

    for url in urls:
        response = through_proxy(url)
        assert response.status_code == 200, url
        assert response.content == served[url], url
    page = through_proxy(f"/p/{point.code}")
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert page.headers["Cache-Control"] == "public, max-age=60"
    assert page.headers["X-Frame-Options"] == "DENY"
    geojson = through_proxy("/api/v1/public/points.geojson", headers={"Accept-Encoding": "gzip"})
    assert geojson.headers["Content-Encoding"] == "gzip"
    assert geojson.headers["Content-Type"] == "application/geo+json"
    # The language switch of the static page leads to the static English page.
    english = re.search(r'href="([^"]+)" lang="en"', page.text)[1]
    assert through_proxy(unescape(english)).content == served[f"/p/{point.code}?lang=en"]
    # A QR reader's extra slash, and a code no point has, are answered without the app.
    slash = through_proxy(f"/p/{point.code}/?lang=en", allow_redirects=False)
    assert slash.status_code == 301 and slash.headers["Location"] == f"/p/{point.code}?lang=en"
    unknown = through_proxy("/p/ZZZZZZ")
    assert unknown.status_code == 404 and unknown.content == site.read("p/404.html")
