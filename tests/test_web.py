"""The web app over HTTP: who may do what, CSRF, uploads, limits and headers, the live check, the job
queue's records. (The whole flow in a real browser, with axe-core on every page: test_web_browser.py.)"""

from __future__ import annotations

import re
from pathlib import Path
import subprocess
import sys

import pytest

from renderer.web.jobs import JobQueue
from renderer.web.store import Store

from support import EXAMPLE, WORD_EXAMPLE, csrf_of

STATEMENT = {"title": "Bins collected on Saturday", "organisation": "Ludford Town Council", "date": "2026-11-24",
             "language": "en-GB", "body": "Bins will be collected on Saturday this week.\n"}


def new_statement(client, **changes) -> str:
    response = client.post("/statements/new", data={"csrf_token": client.csrf, **STATEMENT, **changes})
    assert response.status_code == 303, response.text
    return response.headers["location"]


@pytest.mark.parametrize("path", ["/statements", "/statements/new", "/statements/upload", "/statements/1",
                                  "/jobs/1", "/statements/1/preview/", "/statements/1/preview/index.html"])
def test_every_page_but_the_releases_needs_signing_in(web_app, path):
    response = web_app.client().get(path)
    assert response.status_code == 303 and response.headers["location"].startswith("/sign-in?next=")


@pytest.mark.parametrize("path", ["/statements/new", "/statements/1/build", "/statements/1/publish",
                                  "/statements/1/check", "/publications/1/restore", "/sign-out"])
def test_posts_need_signing_in(web_app, path):
    assert web_app.client().post(path, data={"title": "x"}).status_code == 401


def test_the_releases_need_no_signing_in(web_app):
    client = web_app.client()
    assert client.get("/releases").status_code == 200
    assert client.get("/releases/no-such-release/").status_code == 404
    assert client.get("/releases/../app.sqlite3").status_code == 404
    assert client.get("/releases/%2e%2e/secret.key").status_code == 404


def test_a_post_without_the_csrf_token_is_refused(web_app):
    client = web_app.client("wendy")
    response = client.post("/statements/new", data=STATEMENT)
    assert response.status_code == 403 and "did not come from this site" in response.text
    response = client.post("/statements/new", data={**STATEMENT, "csrf_token": "forged"})
    assert response.status_code == 403
    other = web_app.client("paul")
    assert client.post("/statements/new", data={**STATEMENT, "csrf_token": other.csrf}).status_code == 403


def test_a_writer_cannot_publish_or_restore(web_app):
    client = web_app.client("wendy")
    location = new_statement(client)
    response = client.post(f"{location}/publish", data={"csrf_token": client.csrf})
    assert response.status_code == 403 and "Only a publisher" in response.text
    assert client.post("/publications/1/restore", data={"csrf_token": client.csrf}).status_code == 403
    assert "Publish</button>" not in client.get(location).text


def test_session_cookie_is_signed_httponly_samesite_and_expires(web_app):
    client = web_app.client()
    page = client.get("/sign-in")
    response = client.post("/sign-in", data={"csrf_token": csrf_of(page.text), "name": "wendy",
                                              "password": "wendy-password-1"})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=28800" in cookie
    tampered = web_app.client()
    value = response.cookies["statement_session"]
    tampered.cookies.set("statement_session", value[:-4] + ("AAAA" if not value.endswith("AAAA") else "BBBB"))
    assert tampered.get("/statements").status_code == 303  # a forged cookie signs nobody in


def test_sign_in_attempts_are_limited(web_app):
    client = web_app.client()
    for _ in range(5):
        page = client.get("/sign-in")
        response = client.post("/sign-in", data={"csrf_token": csrf_of(page.text), "name": "nobody",
                                                  "password": "wrong-password"})
        assert response.status_code == 400 and "not right" in response.text
    page = client.get("/sign-in")
    response = client.post("/sign-in", data={"csrf_token": csrf_of(page.text), "name": "nobody", "password": "x"})
    assert response.status_code == 429 and "Too many failed attempts" in response.text


def test_sign_in_goes_back_only_to_this_site(web_app):
    client = web_app.client()
    page = client.get("/sign-in?next=//evil.example/")
    response = client.post("/sign-in", data={"csrf_token": csrf_of(page.text), "name": "paul",
                                              "password": "paul-password-1", "next": "https://evil.example/x"})
    assert response.headers["location"] == "/statements"


def test_every_page_sends_a_content_security_policy_without_inline_script(web_app):
    client = web_app.client("paul")
    location = new_statement(client)
    for path in ("/sign-in", "/statements", "/statements/new", location, "/statements/upload", "/releases",
                 "/no-such-page"):
        response = client.get(path)
        policy = response.headers["content-security-policy"]
        script = re.search(r"script-src ([^;]+)", policy).group(1)
        assert "unsafe-inline" not in script and "unsafe-eval" not in script, path
        assert not re.search(r"<script(?![^>]*\bsrc=)", response.text), path  # no inline script on the page
        assert response.headers["x-content-type-options"] == "nosniff"


def test_live_check_shows_the_errors_of_the_text_linked_to_their_line(web_app):
    client = web_app.client("wendy")
    location = new_statement(client)
    response = client.post(f"{location}/check", data={"csrf_token": client.csrf, **STATEMENT,
                                                       "body": "First line.\n\n#### Too deep\n", "date": ""})
    text = re.sub(r"\s+", " ", response.text)
    assert 'href="#body" data-line="3">Line 3 of the text</a>: the heading' in text
    assert '<a href="#field-date">The date field</a>: the required field &#39;date&#39; is missing' in text
    assert "Fix: fill in the date field" in text
    response = client.post(f"{location}/check", data={"csrf_token": client.csrf, **STATEMENT})
    assert "No errors." in response.text and "Reading level: Flesch–Kincaid grade" in response.text


def test_the_form_shows_an_error_summary_linked_to_the_fields(web_app):
    client = web_app.client("wendy")
    location = new_statement(client, date="24th of Nevember")
    page = client.get(location).text
    assert 'class="error-summary"' in page and '<a href="#field-date">The date field: ' in page
    assert 'id="field-date-error"' in page and 'aria-describedby="field-date-hint field-date-error"' in page


def upload(client, files, statement_id=None):
    data = {"csrf_token": client.csrf}
    if statement_id:
        data["statement_id"] = str(statement_id)
    return client.post("/statements/upload", data=data, files=[("files", file) for file in files])


def test_upload_names_are_never_used_as_paths(web_app, png):
    client = web_app.client("wendy")
    text = EXAMPLE.read_text().replace("## More information", "![A chart](images/chart.png)\n\n## More information")
    response = upload(client, [("../../x.md", text.encode(), "text/markdown"),
                               ("../../../chart.png", png.read_bytes(), "image/png")])
    assert response.status_code == 303, response.text
    statement_id = int(response.headers["location"].rsplit("/", 1)[1])
    folder = web_app.data / "statements" / str(statement_id)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == \
        ["images/chart.png", "statement.md"]
    assert not (web_app.data / "x.md").exists() and not (web_app.data.parent / "x.md").exists()
    assert not list(web_app.data.parent.glob("chart.png"))
    assert "No errors." in client.get(response.headers["location"]).text


@pytest.mark.parametrize("name, content, message", [
    ("statement.docx", b"Just some text, not a Word document.", "is not a Word document (.docx)"),
    ("statement.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "is not a text file"),
    ("statement.md", "---\ntitle: x\n---\n".encode("utf-16"), "is not a text file saved as UTF-8"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused(web_app, name, content, message):
    client = web_app.client("wendy")
    response = upload(client, [(name, content, "application/octet-stream")])
    assert response.status_code == 422 and message in response.text
    assert 'class="error-summary"' in response.text


def test_an_image_that_is_not_what_its_name_says_is_refused(web_app):
    client = web_app.client("wendy")
    response = upload(client, [("statement.md", EXAMPLE.read_bytes(), "text/markdown"),
                               ("chart.png", b"GIF89a not really a png", "image/png")])
    assert response.status_code == 422 and "is not a PNG image, whatever its name says" in response.text


def test_uploads_over_the_limit_get_413(web_app):
    client = web_app.client("wendy")
    big = b"x" * (21 * 1024 * 1024)
    response = upload(client, [("statement.md", big, "text/markdown")])
    assert response.status_code == 413 and "larger than 20 MB" in response.text


def test_a_word_document_is_uploaded_and_checked(web_app):
    client = web_app.client("wendy")
    response = upload(client, [(WORD_EXAMPLE.name, WORD_EXAMPLE.read_bytes(),
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")])
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "This statement is a Word document" in page and "No errors." in page
    assert "NPCC responds to calls for end-to-end encryption" in page
    statement_id = response.headers["location"].rsplit("/", 1)[1]
    response = client.post(f"/statements/{statement_id}/convert", data={"csrf_token": client.csrf})
    page = client.get(response.headers["location"]).text
    assert "Converted to Markdown" in page and 'id="body"' in page and "On average policing arrests" in page


def test_a_job_interrupted_by_a_restart_is_marked_and_can_be_retried(tmp_path):
    store = Store(tmp_path / "app.sqlite3")
    user = store.add_user("u", "writer", "hash")
    statement = store.add_statement("S", "md", user)
    job = store.add_job(statement, user)
    assert store.claim_job()["id"] == job  # a worker took it, then the server stopped
    queue = JobQueue(store, lambda _: tmp_path / "none.md", lambda _: tmp_path / "out", tmp_path / "logs")
    store.mark_interrupted()
    assert store.one("SELECT status FROM jobs WHERE id = ?", job)["status"] == "interrupted"
    assert queue.submit(statement, user) == job + 1


def test_the_build_process_is_kept_between_builds_and_replaced_when_it_dies(tmp_path, write_statement,
                                                                          monkeypatch):
    """The worker's build process stays from one build to the next (voice and parser stay loaded); one that is
    killed mid-build fails its job in words, and the next build gets a new process; one with nothing to build
    for IDLE_PROCESS_SECONDS ends (it holds over a gigabyte)."""
    import time

    from renderer.web import jobs

    store = Store(tmp_path / "app.sqlite3")
    user = store.add_user("u", "writer", "hash")
    statement = store.add_statement("S", "md", user)
    source = write_statement(body="Bins will be collected on Saturday this week.\n")
    queue = JobQueue(store, lambda _: source, lambda _: tmp_path / "preview", tmp_path / "logs")
    queue.start()

    def finished(job: int) -> dict:
        for _ in range(600):
            row = store.one("SELECT status, errors FROM jobs WHERE id = ?", job)
            if row["status"] not in ("queued", "running"):
                return dict(row)
            time.sleep(0.2)
        raise AssertionError(f"job {job} did not finish")

    try:
        assert finished(queue.submit(statement, user))["status"] == "done"
        first = queue.process.pid
        source.write_text(source.read_text("utf-8").replace("Saturday", "Sunday"), "utf-8")
        assert finished(queue.submit(statement, user))["status"] == "done"
        assert queue.process.pid == first
        assert "Sunday" in next((tmp_path / "preview").rglob("*.html")).read_text("utf-8")

        job = queue.submit(statement, user)
        for _ in range(1200):
            if store.one("SELECT status FROM jobs WHERE id = ?", job)["status"] != "queued":
                break
            time.sleep(0.05)
        assert store.one("SELECT status FROM jobs WHERE id = ?", job)["status"] == "running"
        queue.process.kill()
        outcome = finished(job)
        assert outcome["status"] == "failed" and "stopped unexpectedly" in outcome["errors"]
        assert finished(queue.submit(statement, user))["status"] == "done"
        assert queue.process.pid != first
        kept = queue.process
        monkeypatch.setattr(jobs, "IDLE_PROCESS_SECONDS", 0)
        for _ in range(100):
            if queue.process is None:
                break
            time.sleep(0.1)
        assert queue.process is None and kept.poll() == 0  # ended at the end of its input, not killed
    finally:
        queue.stop()


def test_users_command(tmp_path):
    def add(name, role, password):
        return subprocess.run([sys.executable, "-m", "renderer", "users", "add", name, "--role", role,
                               "--data", str(tmp_path), "--password-stdin"], input=password + "\n",
                              capture_output=True, text=True)

    assert add("ann", "publisher", "a-long-password").returncode == 0
    short = add("bob", "writer", "short")
    assert short.returncode == 2 and "at least 10 characters" in short.stderr
    assert add("ann", "writer", "another-password").returncode == 2
    assert add("cy", "admin", "another-password").returncode == 2
    row = Store(tmp_path / "app.sqlite3").user_named("ann")
    assert row["role"] == "publisher" and row["password_hash"].startswith("$argon2id$")


def test_a_build_of_a_statement_with_errors_ends_with_them_in_words(web_app):
    import time

    client = web_app.client("wendy")
    location = new_statement(client, body="Text.\n\n#### Too deep\n")
    response = client.post(location, data={"csrf_token": client.csrf, **STATEMENT, "body": "Text.\n\n#### Too deep\n",
                                            "action": "build"})
    job = response.headers["location"]
    for _ in range(120):
        page = client.get(job).text
        if "Not built" in page:
            break
        time.sleep(0.5)
    assert "Not built: the statement has errors." in page and "Traceback" not in page
    assert "the heading &#39;Too deep&#39; skips from level 1 to level 4" in page
    assert 'http-equiv="refresh"' not in page  # the build has ended: nothing refreshes any more


def make_bundle(folder: Path, words: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<h1>{words}</h1>")
    return folder


def test_publications_are_kept_and_any_one_can_be_restored(tmp_path):
    import datetime as dt

    from renderer.web.releases import PublishRefused, Releases

    store = Store(tmp_path / "app.sqlite3")
    user = store.add_user("paul", "publisher", "hash")
    first, other = store.add_statement("A", "md", user), store.add_statement("B", "md", user)
    releases = Releases(store, tmp_path / "public", tmp_path / "publications")
    one = releases.publish(make_bundle(tmp_path / "b1", "version one"), "notice", first, None, user, None)
    two = releases.publish(make_bundle(tmp_path / "b2", "version two"), "notice", first, None, user, None)
    live = tmp_path / "public" / "notice" / "index.html"
    assert live.read_text() == "<h1>version two</h1>"
    releases.restore(one, user)
    assert live.read_text() == "<h1>version one</h1>"
    history = releases.history(first)
    assert [(row["id"], row["restored_from"], row["published_by_name"]) for row in history] == \
        [(3, one, "paul"), (two, None, "paul"), (one, None, "paul")]
    assert releases.live_publication("notice")["id"] == 3
    with pytest.raises(PublishRefused, match="another statement is already published"):
        releases.publish(make_bundle(tmp_path / "b3", "other"), "notice", other, None, user, None)
    tomorrow = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    with pytest.raises(PublishRefused, match="under embargo until"):
        releases.publish(make_bundle(tmp_path / "b4", "early"), "notice", first, None, user, tomorrow)
    assert live.read_text() == "<h1>version one</h1>"  # nothing refused reached the public folder
