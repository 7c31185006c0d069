"""Take the README screenshots: demo data in a throwaway database, pages shot in Chromium.

Run with `.venv/bin/python scripts/screenshots.py` (needs Debian's chromium).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from readiness import create_app
from readiness.auth.services import find_user, set_password
from readiness.extensions import db

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> None:
    workdir = Path(tempfile.mkdtemp())
    app = create_app(
        {
            "SECRET_KEY": secrets.token_hex(16),
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'demo.sqlite3'}",
        }
    )
    runner = app.test_cli_runner()
    runner.invoke(args=["init-db"])
    runner.invoke(args=["seed-demo"])
    with app.app_context():
        set_password(find_user(db.session, "samordnare@demo.example"), "screenshot-pass")
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    args = ["--disable-gpu", "--no-first-run", "--disable-background-networking"]
    args += ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="sv-SE")
        page.goto(f"{base}/login")
        page.fill("#email", "samordnare@demo.example")
        page.fill("#password", "screenshot-pass")
        page.click("button[type=submit]")
        page.goto(f"{base}/readiness")
        page.screenshot(path=str(OUT / "readiness-dashboard.png"), full_page=True)
        page.goto(f"{base}/points")
        page.screenshot(path=str(OUT / "point-list.png"), full_page=True)
        page.click("text=Hotagens bygdegård")
        page.screenshot(path=str(OUT / "point-page.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(OUT / "point-page-phone.png"))
        code = page.locator(".sub .code").first.inner_text()
        resident = browser.new_page(viewport={"width": 360, "height": 900}, locale="sv-SE")
        resident.goto(f"{base}/p/{code}")
        resident.screenshot(path=str(OUT / "resident-page.png"), full_page=True)
        sheet = workdir / "sheet.pdf"
        sheet.write_bytes(page.request.get(f"{base}/notices.pdf?municipality=Krokom").body())
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "50",
                "-png",
                "-f",
                "3",
                "-l",
                "3",
                "-singlefile",
                str(sheet),
                str(OUT / "notice-sheet"),
            ],
            check=True,
        )
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
