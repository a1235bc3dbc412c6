"""What the tests share that is not a fixture: where the examples are, and helpers to run the
program as a user would. Fixtures are in conftest.py; tests import these names from here."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "sources"
EXAMPLE = SOURCES / "npcc-e2ee-child-safety.md"
EXAMPLE_SLUG = "npcc-e2ee-child-safety"
WORD_EXAMPLE = SOURCES / "npcc-e2ee-child-safety.docx"  # the example as a Word document
# a few real statements from the development corpus (../shared/corpus), for what the examples do not cover
CORPUS = REPO / "tests" / "fixtures" / "corpus"
WELSH = SOURCES / "ceredigion-rhydeinon-waste-site.md"  # Welsh with an English passage marked ::: {lang=en-GB}
WELSH_FIRST_BILINGUAL = SOURCES / "cnc-social-distancing-bilingual.md"  # Welsh, * * *, English: no marks

MINIMAL_FRONT_MATTER = """\
title: A test statement
organisation: Test Council
date: 2026-11-24
"""


def statement_text(front_matter: str = MINIMAL_FRONT_MATTER, body: str = "A short paragraph of text.\n") -> str:
    return f"---\n{textwrap.dedent(front_matter)}---\n\n{textwrap.dedent(body)}"


def run_command(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run `python -m renderer ...` as a user would, in its own process."""
    return subprocess.run([sys.executable, "-m", "renderer", *map(str, args)], capture_output=True, text=True,
                          **kwargs)


def copy_example(tmp_path: Path) -> Path:
    """A copy of every example statement (with its images) that a test may edit."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    return target / EXAMPLE.name


class WebApp:
    """The running web app of a test run: its address, data folder and accounts (name → password)."""

    def __init__(self, url: str, data: Path, passwords: dict[str, str]):
        self.url = url
        self.data = data
        self.passwords = passwords

    def client(self, user: str | None = None):
        """An HTTP client (httpx), signed in as `user` if one is named."""
        import httpx

        client = httpx.Client(base_url=self.url, follow_redirects=False, timeout=60)
        if user:
            page = client.get("/sign-in")
            response = client.post("/sign-in", data={"csrf_token": csrf_of(page.text), "name": user,
                                                      "password": self.passwords[user], "next": "/statements"})
            assert response.status_code == 303 and response.headers["location"] == "/statements", response.text
        client.csrf = csrf_of(client.get("/statements").text) if user else None
        return client


def csrf_of(html: str) -> str:
    import re

    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
