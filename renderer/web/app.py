"""The web app: `create_app(data_folder)` → a Starlette ASGI application (`statement-renderer serve` runs it).

Pages are server-rendered from the project's templates (`templates/app/`) and work without JavaScript;
htmx (vendored in `static/`) checks the text as it is typed, and a small script follows a build's progress
(server-sent events). Every check and format is the library's: the form's text is checked by
`read_statement`, builds are `renderer.build` in a worker process (or on the queue's workers, with
`queue_url`), publishing is the CLI's swap. Publishing systems use the JSON API of `api.py`.

The data folder holds `app.sqlite3` (users, jobs, publications), `secret.key`, `statements/<id>/` (each
statement's source), `previews/<id>/` (its last build), `public/<slug>/` (what `/releases/` serves, with
no sign-in) and `publications/<id>/` (every publication, kept for restoring).
"""

from __future__ import annotations

import asyncio
import json
import mimetypes
from contextlib import asynccontextmanager
from functools import wraps
from pathlib import Path
from urllib.parse import quote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..artifact import source_digest
from ..diagnostics import SourceError
from ..queue import QueueError
from ..readers import read_statement
from ..templating import render
from . import api
from .api import uploaded_files
from .auth import CSRF_FIELD, CSRF_HEADER, SESSION_SECONDS, TooManyAttempts, csrf_ok, csrf_token, secret_key, sign_in
from .drafts import Drafts, Form, UploadRefused, fields_of, warm_up
from .jobs import JobQueue, RedisQueue
from .limits import BodyLimit, SecurityHeaders
from .releases import PublishRefused, Releases
from .store import Store

STATIC = Path(__file__).parent / "static"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class App:
    """The app's parts, shared by the handlers."""

    def __init__(self, data: Path, queue_url: str | None = None):
        self.data = data.resolve()
        self.store = Store(self.data / "app.sqlite3")
        self.drafts = Drafts(self.data / "statements")
        self.releases = Releases(self.store, self.data / "public", self.data / "publications")
        self.queue = RedisQueue(self.store, self.source_of, self.preview_folder, queue_url, self.data) if queue_url \
            else JobQueue(self.store, self.source_of, self.preview_folder, self.data / "logs")

    def preview_folder(self, statement_id: int) -> Path:
        return self.data / "previews" / str(int(statement_id))

    def statement(self, statement_id: int):
        row = self.store.one("SELECT * FROM statements WHERE id = ?", statement_id)
        if row is None:
            raise HTTPException(404)
        return row

    def source_of(self, statement_id: int) -> Path:
        return self.drafts.source_of(statement_id, self.statement(statement_id)["kind"])

    def last_job(self, statement_id: int):
        return self.store.one("SELECT * FROM jobs WHERE statement_id = ? ORDER BY id DESC LIMIT 1", statement_id)

    def last_finished_build(self, statement_id: int):
        return self.store.one("SELECT * FROM jobs WHERE statement_id = ? AND status IN ('done', 'held') "
                              "ORDER BY id DESC LIMIT 1", statement_id)

    def upload(self, files: list[tuple[str, bytes]], user_id: int, existing=None) -> int:
        """A statement from uploaded files (its source, .md or .docx, and any images), new or replacing an
        existing one's source. Raises UploadRefused, leaving nothing behind."""
        if not files:
            raise UploadRefused("choose a statement file (.md or .docx) to upload")
        statement_id = existing["id"] if existing else self.store.add_statement("Uploaded statement", "md", user_id)
        try:
            kind = self.drafts.save_upload(statement_id, files)
        except UploadRefused:
            if existing is None:
                self.store.run("DELETE FROM statements WHERE id = ?", statement_id)
            raise
        title = _title_of(self.drafts.source_of(statement_id, kind)) or "Uploaded statement"
        self.store.update_statement(statement_id, title, kind)
        return statement_id

    def publish_last_build(self, statement_id: int, user_id: int) -> tuple[int, str]:
        """Publish the statement's last build: (the publication, its slug). Raises PublishRefused (why, in
        words) when there is no passing build of the statement as it is now, or it cannot be published."""
        build = self.last_finished_build(statement_id)
        if build is None or build["status"] != "done":
            raise PublishRefused("the statement has no build whose checks all passed. Fix: build it, and check "
                                 "that every check passed, before publishing")
        if build["source_sha256"] != source_digest(self.source_of(statement_id)):
            raise PublishRefused("the statement was changed after its last build. Fix: build it again, check the "
                                 "preview, then publish")
        result = json.loads(build["result"])
        try:
            statement, _ = read_statement(self.source_of(statement_id))
        except SourceError as error:
            raise PublishRefused(str(error)) from None
        publication = self.releases.publish(Path(result["bundle"]), result["slug"], statement_id, build["id"],
                                            user_id, statement.meta.embargo)
        return publication, result["slug"]


# --- helpers -------------------------------------------------------------------------------------------

def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    session = request.scope.get("session", {})
    html = render(f"app/{template}", user=request.state.user, csrf=csrf_token(session) if "session" in request.scope
                  else "", notice=session.pop("notice", None), path=request.url.path, version=__version__, **context)
    return HTMLResponse(html, status_code=status)


def redirect(url: str, notice: str | None = None, request: Request | None = None) -> RedirectResponse:
    if notice and request is not None:
        request.session["notice"] = notice
    return RedirectResponse(url, status_code=303)


def signed_in(handler=None, *, publisher: bool = False):
    """Handlers for signed-in users (publishers only, when asked); a POST must carry the CSRF token."""

    def decorate(handler):
        @wraps(handler)
        async def wrapped(request: Request):
            app: App = request.app.state.parts
            user_id = request.session.get("user")
            request.state.user = app.store.user(user_id) if user_id else None
            if request.state.user is None:
                request.session.pop("user", None)
                if request.method == "GET":
                    return redirect(f"/sign-in?next={quote(request.url.path)}")
                raise HTTPException(401, "Sign in first.")
            if request.method == "POST":
                form = await request.form()
                if not csrf_ok(request.session, request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)):
                    raise HTTPException(403, "This form has expired or did not come from this site. Go back, "
                                             "reload the page and try again.")
            if publisher and not request.state.user.can_publish:
                raise HTTPException(403, "Only a publisher can do this. Ask a publisher to publish it.")
            await run_in_threadpool(app.queue.refresh)  # the jobs as the workers left them
            return await handler(request)

        return wrapped

    return decorate(handler) if handler else decorate


def parts(request: Request) -> App:
    return request.app.state.parts


def statement_id_of(request: Request) -> int:
    try:
        return int(request.path_params["statement_id"])
    except ValueError:
        raise HTTPException(404) from None


def safe_next(url: str | None) -> str:
    """Only a path on this site (never another site) to go back to after signing in."""
    if url and url.startswith("/") and not url.startswith("//") and not urlsplit(url).netloc:
        return url
    return "/statements"


# --- signing in ------------------------------------------------------------------------------------------

async def home(request: Request):
    return redirect("/statements" if request.session.get("user") else "/sign-in")


async def sign_in_page(request: Request):
    request.state.user = None
    if request.method == "GET":
        return page(request, "sign_in.html", next=safe_next(request.query_params.get("next")), name="", errors={})
    form = await request.form()
    if not csrf_ok(request.session, form.get(CSRF_FIELD)):
        raise HTTPException(403, "This form has expired. Reload the page and try again.")
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    errors = {}
    if not name.strip():
        errors["name"] = "Enter your user name"
    if not password:
        errors["password"] = "Enter your password"
    if not errors:
        try:
            user = sign_in(parts(request).store, name, password, request.client.host if request.client else "?")
        except TooManyAttempts:
            return page(request, "sign_in.html", status=429, next=safe_next(form.get("next")), name=name,
                        errors={"name": "Too many failed attempts to sign in. Wait 15 minutes and try again"})
        if user is None:
            errors["password"] = "The user name or password is not right"
        else:
            request.session.clear()
            request.session["user"] = user.id
            return redirect(safe_next(form.get("next")))
    return page(request, "sign_in.html", status=400, next=safe_next(form.get("next")), name=name, errors=errors)


@signed_in
async def sign_out(request: Request):
    request.session.clear()
    return redirect("/sign-in")


# --- statements ------------------------------------------------------------------------------------------

@signed_in
async def statements(request: Request):
    app = parts(request)
    rows = app.store.all(
        "SELECT s.*, u.name AS author, (SELECT status FROM jobs j WHERE j.statement_id = s.id ORDER BY j.id DESC "
        "LIMIT 1) AS last_status, (SELECT published_at FROM publications p WHERE p.statement_id = s.id ORDER BY "
        "p.id DESC LIMIT 1) AS published_at FROM statements s JOIN users u ON u.id = s.created_by "
        "ORDER BY s.updated_at DESC")
    return page(request, "statements.html", statements=rows)


@signed_in
async def new_statement(request: Request):
    app = parts(request)
    if request.method == "GET":
        return page(request, "edit.html", statement=None, form=Form(values={"language": "en-GB"}), check=None,
                    job=None, build=None, result=None, current=False, history=[], live=None)
    data = await request.form()
    form = Form.from_submission(data)
    statement_id = app.store.add_statement(form.values.get("title") or "Untitled statement", "md",
                                           request.state.user.id)
    app.drafts.save_form(statement_id, form)
    return redirect(f"/statements/{statement_id}", "Saved.", request)


@signed_in
async def upload(request: Request):
    app = parts(request)
    if request.method == "GET":
        return page(request, "upload.html", error=None, statement=None)
    data = await request.form()
    target = data.get("statement_id")
    existing = app.statement(int(target)) if target and str(target).isdigit() else None
    try:
        statement_id = app.upload(await uploaded_files(data, "files"), request.state.user.id, existing)
    except UploadRefused as refused:
        return page(request, "upload.html", status=422, error=str(refused), statement=existing)
    return redirect(f"/statements/{statement_id}", "Uploaded.", request)


def _title_of(source: Path) -> str | None:
    try:
        return read_statement(source)[0].meta.title
    except SourceError:
        return None


def _statement_page(request: Request, statement_id: int, form: Form | None = None, status: int = 200):
    app = parts(request)
    row = app.statement(statement_id)
    if row["kind"] == "md" and form is None:
        form = fields_of(app.source_of(statement_id).read_text(encoding="utf-8"))
    check = app.drafts.check(statement_id, row["kind"], form if row["kind"] == "md" else None)
    build = app.last_finished_build(statement_id)
    result = json.loads(build["result"]) if build and build["result"] else None
    current = build is not None and build["source_sha256"] == source_digest(app.source_of(statement_id))
    slug = result["slug"] if result else None
    return page(request, "edit.html", status=status, statement=row, form=form, check=check,
                job=app.last_job(statement_id), build=build, result=result, current=current,
                history=app.releases.history(statement_id),
                live=_id(app.releases.live_publication(slug)) if slug else None)


def _id(row) -> int | None:
    return row["id"] if row is not None else None


@signed_in
async def statement_page(request: Request):
    app = parts(request)
    statement_id = statement_id_of(request)
    row = app.statement(statement_id)
    if request.method == "GET":
        return await run_in_threadpool(_statement_page, request, statement_id)
    data = await request.form()
    if row["kind"] != "md":
        raise HTTPException(400, "A Word statement is changed by uploading a new version.")
    form = Form.from_submission(data)
    app.drafts.save_form(statement_id, form)
    app.store.update_statement(statement_id, form.values.get("title") or row["title"], "md")
    if data.get("action") == "build":
        job_id = app.queue.submit(statement_id, request.state.user.id)
        return redirect(f"/jobs/{job_id}")
    return redirect(f"/statements/{statement_id}", "Saved.", request)


@signed_in
async def live_check(request: Request):
    """The check results for the form as it is now (htmx, as the officer types)."""
    app = parts(request)
    statement_id = statement_id_of(request)
    row = app.statement(statement_id) if statement_id else None
    form = Form.from_submission(await request.form())
    if row is None:  # a new statement not saved yet: checked in a scratch folder
        check = await run_in_threadpool(app.drafts.check, 0, "md", form)
    else:  # the checks read and parse the text: off the event loop, so that other pages are not held up
        check = await run_in_threadpool(app.drafts.check, statement_id, row["kind"],
                                        form if row["kind"] == "md" else None)
    return HTMLResponse(render("app/_check.html", check=check, live=True))


@signed_in
async def convert_to_markdown(request: Request):
    from ..readers.docx import convert

    app = parts(request)
    statement_id = statement_id_of(request)
    row = app.statement(statement_id)
    if row["kind"] != "docx":
        return redirect(f"/statements/{statement_id}")
    folder = app.drafts.folder_of(statement_id)
    written, report = convert(folder / "statement.docx", folder, overwrite=True)
    if not written:
        request.session["notice"] = "The Word document could not be converted: " + \
            "; ".join(f"{d.message}. Fix: {d.fix}" for d in report.errors)
        return redirect(f"/statements/{statement_id}")
    # written[0] is statement.md, beside the document (and its images in images/)
    for name in ("statement.docx", "statement.yaml"):
        (folder / name).unlink(missing_ok=True)
    app.store.update_statement(statement_id, row["title"], "md")
    return redirect(f"/statements/{statement_id}", "Converted to Markdown: you can now edit it here.", request)


# --- builds -----------------------------------------------------------------------------------------------

@signed_in
async def build(request: Request):
    app = parts(request)
    statement_id = statement_id_of(request)
    app.statement(statement_id)
    job_id = app.queue.submit(statement_id, request.state.user.id)
    return redirect(f"/jobs/{job_id}")


def _job(request: Request):
    app = parts(request)
    try:
        job = app.store.one("SELECT * FROM jobs WHERE id = ?", int(request.path_params["job_id"]))
    except ValueError:
        job = None
    if job is None:
        raise HTTPException(404)
    return job


@signed_in
async def job_page(request: Request):
    app = parts(request)
    job = _job(request)
    return page(request, "job.html", job=job, statement=app.statement(job["statement_id"]),
                events=app.store.events(job["id"]), result=json.loads(job["result"]) if job["result"] else None,
                errors=json.loads(job["errors"]) if job["errors"] else [])


@signed_in
async def job_events(request: Request):
    """The job's progress as server-sent events, until it ends."""
    app = parts(request)
    job_id = _job(request)["id"]

    async def stream():
        seen = 0
        while True:
            await run_in_threadpool(app.queue.refresh)
            for event in app.store.events(job_id, seen):
                seen = event["id"]
                yield f"event: progress\ndata: {json.dumps(event['message'])}\n\n"
            status = app.store.one("SELECT status FROM jobs WHERE id = ?", job_id)["status"]
            if status not in ("queued", "running") and not app.store.events(job_id, seen):
                yield f"event: end\ndata: {json.dumps(status)}\n\n"
                return
            if await request.is_disconnected():
                return
            await asyncio.sleep(0.4)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


@signed_in
async def retry(request: Request):
    app = parts(request)
    job = _job(request)
    job_id = app.queue.submit(job["statement_id"], request.state.user.id)
    return redirect(f"/jobs/{job_id}")


# --- preview and publish ------------------------------------------------------------------------------------

def serve_file(folder: Path, relative: str) -> Response:
    """A file of a bundle, only from inside the folder (index.html for the folder itself)."""
    folder = folder.resolve()
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder) or any(part.startswith(".") for part in Path(relative).parts):
        raise HTTPException(404)
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        raise HTTPException(404)
    media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if target.suffix == ".vtt":
        media_type = "text/vtt"
    return FileResponse(target, media_type=media_type)


@signed_in
async def preview(request: Request):
    app = parts(request)
    statement_id = statement_id_of(request)
    build = app.last_finished_build(statement_id)
    if build is None:
        raise HTTPException(404, "This statement has not been built yet.")
    result = json.loads(build["result"])
    folder = Path(result["bundle"] if result["published"] else result["held_back"])
    relative = request.path_params.get("path", "")
    if not relative and not request.url.path.endswith("/"):
        return RedirectResponse(request.url.path + "/", status_code=307)
    return serve_file(folder, relative)


@signed_in(publisher=True)
async def publish(request: Request):
    app = parts(request)
    statement_id = statement_id_of(request)
    app.statement(statement_id)
    back = f"/statements/{statement_id}"
    try:
        _, slug = await run_in_threadpool(app.publish_last_build, statement_id, request.state.user.id)
    except PublishRefused as refused:
        return redirect(back, f"Not published: {refused}.", request)
    return redirect(back, f"Published at /releases/{slug}/.", request)


@signed_in(publisher=True)
async def restore(request: Request):
    app = parts(request)
    try:
        publication_id = int(request.path_params["publication_id"])
    except ValueError:
        raise HTTPException(404) from None
    row = app.store.one("SELECT * FROM publications WHERE id = ?", publication_id)
    if row is None:
        raise HTTPException(404)
    back = f"/statements/{row['statement_id']}"
    try:
        app.releases.restore(publication_id, request.state.user.id)
    except PublishRefused as refused:
        return redirect(back, f"Not restored: {refused}", request)
    return redirect(back, f"The publication of {row['published_at']} is live again at /releases/{row['slug']}/.",
                    request)


async def public_release(request: Request):
    """Published releases, for readers and libraries: read-only, no sign-in."""
    app = parts(request)
    slug = request.path_params["slug"]
    if slug.startswith(".") or slug.endswith(".previous"):
        raise HTTPException(404)
    relative = request.path_params.get("path", "")
    if not relative and not request.url.path.endswith("/"):
        return RedirectResponse(request.url.path + "/", status_code=307)
    return serve_file(app.data / "public" / slug, relative)


async def public_index(request: Request):
    app = parts(request)
    request.state.user = None
    rows = app.store.all("SELECT slug, MAX(published_at) AS published_at FROM publications GROUP BY slug "
                         "ORDER BY published_at DESC")
    live = [row for row in rows if (app.data / "public" / row["slug"]).is_dir()]
    return page(request, "releases.html", releases=live)


# --- errors ----------------------------------------------------------------------------------------------

async def http_error(request: Request, exc: HTTPException):
    if request.url.path.startswith("/api/"):
        return api.error(exc.status_code, exc.detail if exc.detail and exc.detail != "Not Found"
                         else "there is nothing at this address. Fix: see /api/openapi.json")
    if not hasattr(request.state, "user"):
        request.state.user = None
    titles = {401: "Sign in first", 403: "You cannot do this", 404: "Page not found", 413: "The file is too large",
              429: "Too many attempts", 503: "Builds cannot start just now"}
    return page(request, "error.html", status=exc.status_code, title=titles.get(exc.status_code, "Something went wrong"),
                detail=exc.detail if exc.detail and exc.detail != "Not Found" else "Check the address, or go back.")


async def queue_unavailable(request: Request, exc: QueueError):
    return await http_error(request, HTTPException(503, str(exc)[0].upper() + str(exc)[1:]))


def create_app(data: str | Path, queue_url: str | None = None) -> Starlette:
    """The app on a data folder; builds run by its own worker, or by RQ workers on Redis at `queue_url`."""
    parts_ = App(Path(data), queue_url)

    @asynccontextmanager
    async def lifespan(app):
        await run_in_threadpool(warm_up, parts_.drafts)
        parts_.queue.start()
        yield
        parts_.queue.stop()

    routes = [
        Route("/", home),
        Route("/sign-in", sign_in_page, methods=["GET", "POST"]),
        Route("/sign-out", sign_out, methods=["POST"]),
        Route("/statements", statements),
        Route("/statements/new", new_statement, methods=["GET", "POST"]),
        Route("/statements/upload", upload, methods=["GET", "POST"]),
        Route("/statements/{statement_id}", statement_page, methods=["GET", "POST"]),
        Route("/statements/{statement_id}/check", live_check, methods=["POST"]),
        Route("/statements/{statement_id}/convert", convert_to_markdown, methods=["POST"]),
        Route("/statements/{statement_id}/build", build, methods=["POST"]),
        Route("/statements/{statement_id}/publish", publish, methods=["POST"]),
        Route("/statements/{statement_id}/preview", preview),
        Route("/statements/{statement_id}/preview/{path:path}", preview),
        Route("/jobs/{job_id}", job_page),
        Route("/jobs/{job_id}/events", job_events),
        Route("/jobs/{job_id}/retry", retry, methods=["POST"]),
        Route("/publications/{publication_id}/restore", restore, methods=["POST"]),
        *api.ROUTES,
        Route("/releases", public_index),
        Route("/releases/{slug}", public_release),
        Route("/releases/{slug}/{path:path}", public_release),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, limit=MAX_UPLOAD_BYTES),
        Middleware(SessionMiddleware, secret_key=secret_key(parts_.data), session_cookie="statement_session",
                   max_age=SESSION_SECONDS, same_site="lax", https_only=False),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, QueueError: queue_unavailable})
    app.state.parts = parts_
    return app
