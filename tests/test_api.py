"""The JSON API for publishing systems, end to end on the running web app: tokens, the OpenAPI description,
a Word document uploaded, checked, built (every format, every check) and published, and the refusals."""

from __future__ import annotations

import time

import pytest
from openapi_spec_validator import validate

from renderer.web.auth import make_token
from renderer.web.store import Store
from support import WORD_EXAMPLE, run_command


@pytest.fixture(scope="module")
def tokens(web_app):
    made = run_command("users", "token", "paul", "--label", "Newsroom CMS", "--data", str(web_app.data))
    assert made.returncode == 0, made.stderr
    return {"paul": made.stdout.strip(), "wendy": make_token(Store(web_app.data / "app.sqlite3"), "wendy", "test")}


def api(web_app, user: str | None, tokens):
    client = web_app.client()
    if user:
        client.headers["Authorization"] = f"Bearer {tokens[user]}"
    return client


def wait_for_job(client, location: str, seconds: float = 420) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(location).json()
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(1)
    raise AssertionError(f"the build at {location} did not finish in {seconds:.0f} s")


def test_the_openapi_description_is_valid_and_names_every_call(web_app):
    description = web_app.client().get("/api/openapi.json").json()
    validate(description)
    assert description["openapi"] == "3.1.0"
    paths = {path: sorted(methods) for path, methods in description["paths"].items()}
    assert paths == {
        "/api/statements": ["get", "post"],
        "/api/statements/{statement_id}": ["get"],
        "/api/statements/{statement_id}/source": ["put"],
        "/api/statements/{statement_id}/builds": ["post"],
        "/api/statements/{statement_id}/publish": ["post"],
        "/api/jobs/{job_id}": ["get"],
        "/api/releases": ["get"],
    }
    assert description["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


@pytest.mark.parametrize("authorization", [None, "Bearer srt_not-a-real-token", "Basic cGF1bDpwYXVs", "Bearer"])
def test_calls_without_a_valid_token_are_refused(web_app, tokens, authorization):
    client = web_app.client()
    if authorization:
        client.headers["Authorization"] = authorization
    for method, path in (("GET", "/api/statements"), ("POST", "/api/statements"), ("GET", "/api/releases"),
                         ("POST", "/api/statements/1/publish"), ("GET", "/api/jobs/1")):
        response = client.request(method, path)
        assert response.status_code == 401, (method, path)
        assert response.headers["www-authenticate"] == "Bearer"
        assert "users token" in response.json()["error"]


def test_a_signed_in_browser_session_is_not_a_token(web_app):
    """The API reads no cookies: a page's session cannot be used (or forged by another site) to call it."""
    client = web_app.client("paul")
    assert client.get("/api/statements").status_code == 401


def test_a_withdrawn_token_no_longer_works(web_app):
    store = Store(web_app.data / "app.sqlite3")
    run_command("users", "add", "carl", "--role", "writer", "--data", str(web_app.data), "--password-stdin",
                input="a-long-password\n")
    token = make_token(store, "carl", "short-lived")
    client = web_app.client()
    client.headers["Authorization"] = f"Bearer {token}"
    assert client.get("/api/releases").status_code == 200
    revoked = run_command("users", "token", "carl", "--revoke", "--data", str(web_app.data))
    assert revoked.returncode == 0 and "Withdrew 1 token" in revoked.stdout
    assert client.get("/api/releases").status_code == 401


def test_a_word_document_uploaded_built_and_published_through_the_api(web_app, tokens):
    client = api(web_app, "paul", tokens)
    created = client.post("/api/statements", files={"file": (WORD_EXAMPLE.name, WORD_EXAMPLE.read_bytes(),
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document")})
    assert created.status_code == 201, created.text
    statement = created.json()
    assert statement["kind"] == "docx" and statement["title"].startswith("NPCC")
    assert statement["check"]["errors"] == [] and statement["check"]["words"] > 300
    assert created.headers["location"] == f"/api/statements/{statement['id']}"

    # publishing before a build is refused, in words
    refused = client.post(f"/api/statements/{statement['id']}/publish")
    assert refused.status_code == 409 and "no build whose checks all passed" in refused.json()["error"]

    started = client.post(f"/api/statements/{statement['id']}/builds")
    assert started.status_code == 202 and started.json()["status"] in ("queued", "running")
    job = wait_for_job(client, started.headers["location"])
    assert job["status"] == "done", job["errors"]
    assert job["events"][-1] == "Finished" and len(job["events"]) > 3
    formats = {file["format"] for file in job["result"]["files"]}
    assert {"html", "pdf", "epub", "audio", "plain", "bundle"} <= formats
    epub = next(f for f in job["result"]["files"] if f["name"].endswith(".epub"))
    assert {"EPUBCheck", "DAISY Ace"} <= {check["name"].split(" (")[0] for check in epub["checks"]}
    assert all(check["passed"] for file in job["result"]["files"] for check in file["checks"])

    # a writer's token cannot publish; a publisher's can
    assert api(web_app, "wendy", tokens).post(f"/api/statements/{statement['id']}/publish").status_code == 403
    published = client.post(f"/api/statements/{statement['id']}/publish")
    assert published.status_code == 201, published.text
    release = published.json()
    assert release["url"] == f"/releases/{release['slug']}/"
    assert release["slug"] in [item["slug"] for item in client.get("/api/releases").json()]
    page = web_app.client().get(release["url"])  # readers need no token
    assert page.status_code == 200 and "NPCC" in page.text

    listed = client.get("/api/statements").json()
    assert any(item["id"] == statement["id"] and item["last_job"]["status"] == "done" for item in listed)


def test_a_statement_with_errors_is_saved_with_its_check_and_can_be_replaced(web_app, tokens):
    client = api(web_app, "wendy", tokens)
    created = client.post("/api/statements", json={"markdown": "---\ntitle: Road closure\norganisation: A council\n"
                                                               "---\n\nThe road is closed.\n"})
    assert created.status_code == 201
    errors = created.json()["check"]["errors"]
    assert errors and "date" in errors[0]["message"] and errors[0]["fix"]
    fixed = client.put(f"/api/statements/{created.json()['id']}/source",
                       json={"markdown": "---\ntitle: Road closure\norganisation: A council\ndate: 2026-11-27\n"
                                         "---\n\nThe road is closed until Friday.\n"})
    assert fixed.status_code == 200 and fixed.json()["check"]["errors"] == []


@pytest.mark.parametrize("files, json_body, expected", [
    ({"file": ("notes.txt", b"just some text", "text/plain")}, None, "statement"),
    ({"file": ("statement.docm", b"PK\x03\x04", "application/vnd.ms-word.document.macroEnabled.12")}, None, ".docx"),
    (None, {"text": "no markdown field"}, "markdown"),
])
def test_uploads_that_are_not_statements_are_refused_in_words(web_app, tokens, files, json_body, expected):
    client = api(web_app, "wendy", tokens)
    response = client.post("/api/statements", files=files) if files else client.post("/api/statements", json=json_body)
    assert response.status_code == 422
    assert expected in response.json()["error"].lower()


def test_unknown_things_are_json_404s(web_app, tokens):
    client = api(web_app, "wendy", tokens)
    for path in ("/api/statements/999999", "/api/jobs/999999", "/api/statements/abc", "/api/nothing-here"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["error"], path
