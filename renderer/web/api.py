"""The JSON API for publishing systems (content-management systems, newsroom tools), under `/api/`.

It does what the pages do, with the same code (`App.upload`, `Drafts.check`, the queue, `App.publish_last_build`):
create a statement (a Markdown or Word upload, or Markdown in JSON), check it, build it, follow the build,
publish it, list the releases. Each call carries `Authorization: Bearer <token>`: a token made with
`statement-renderer users token NAME`, acting for that user with that user's role (only a publisher may
publish). No cookies are read here, so there is nothing for another site to forge.

The OpenAPI 3.1 description is served at `/api/openapi.json`, made by Starlette's SchemaGenerator from the
YAML at the end of each handler's docstring (after `---`) and the shared schemas below.
"""

from __future__ import annotations

import json
from functools import wraps

import yaml
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.schemas import SchemaGenerator

from .. import __version__
from .auth import token_user
from .drafts import UploadRefused
from .releases import PublishRefused

COMPONENTS = yaml.safe_load("""
securitySchemes:
  token:
    type: http
    scheme: bearer
    description: "A token from 'statement-renderer users token NAME'; it acts for that user."
schemas:
  Error:
    type: object
    properties:
      error: {type: string, description: "What is wrong, in words, with the fix"}
  Problem:
    type: object
    properties:
      message: {type: string}
      fix: {type: string}
      where: {type: [string, "null"], description: "The line, field or Word paragraph it is at"}
  Check:
    type: object
    properties:
      errors: {type: array, items: {$ref: "#/components/schemas/Problem"}}
      warnings: {type: array, items: {$ref: "#/components/schemas/Problem"}}
      grade: {type: [string, "null"], description: "The reading grade of the text"}
      words: {type: integer}
  Statement:
    type: object
    properties:
      id: {type: integer}
      title: {type: string}
      kind: {type: string, enum: [md, docx]}
      created_by: {type: string}
      updated_at: {type: string, format: date-time}
      last_job: {oneOf: [{$ref: "#/components/schemas/Job"}, {type: "null"}]}
      check: {$ref: "#/components/schemas/Check"}
  Job:
    type: object
    properties:
      id: {type: integer}
      statement_id: {type: integer}
      status: {type: string, enum: [queued, running, done, held, failed, interrupted],
               description: "done: built, every check passed; held: built, a check failed (not publishable)"}
      events: {type: array, items: {type: string}, description: "The build's stages so far"}
      errors: {type: array, items: {type: string}}
      result: {type: [object, "null"], description: "The files built, each with its checks"}
  Release:
    type: object
    properties:
      slug: {type: string}
      url: {type: string}
      statement_id: {type: integer}
      published_at: {type: string, format: date-time}
""")

SCHEMAS = SchemaGenerator({
    "openapi": "3.1.0",
    "info": {"title": "statement-renderer", "version": __version__,
             "description": "Statements in, accessible release bundles out: create, check, build, publish."},
    "components": COMPONENTS,
    "security": [{"token": []}],
})


def api_user(handler=None, *, publisher: bool = False):
    """Handlers for calls with a valid token (a publisher's, when asked)."""

    def decorate(handler):
        @wraps(handler)
        async def wrapped(request: Request):
            app = request.app.state.parts
            request.state.user = await run_in_threadpool(token_user, app.store, request.headers.get("authorization"))
            if request.state.user is None:
                return JSONResponse({"error": "no valid API token. Fix: send 'Authorization: Bearer <token>' with a "
                                              "token from 'statement-renderer users token NAME'"}, status_code=401,
                                    headers={"WWW-Authenticate": "Bearer"})
            if publisher and not request.state.user.can_publish:
                return error(403, "only a publisher can do this. Fix: use a publisher's token")
            await run_in_threadpool(app.queue.refresh)
            return await handler(request)

        return wrapped

    return decorate(handler) if handler else decorate


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _id(request: Request, name: str) -> int:
    try:
        return int(request.path_params[name])
    except ValueError:
        raise HTTPException(404) from None


def job_json(row) -> dict | None:
    if row is None:
        return None
    return {"id": row["id"], "statement_id": row["statement_id"], "status": row["status"],
            "created_at": row["created_at"], "started_at": row["started_at"], "finished_at": row["finished_at"],
            "errors": json.loads(row["errors"]) if row["errors"] else [],
            "result": json.loads(row["result"]) if row["result"] else None}


def check_json(check) -> dict:
    def problems(items):
        return [{"message": p.message, "fix": p.fix, "where": p.where} for p in items]

    return {"errors": problems(check.errors), "warnings": problems(check.warnings), "grade": check.grade,
            "words": check.words}


def statement_json(app, row, with_check: bool = True) -> dict:
    author = app.store.user(row["created_by"])
    value = {"id": row["id"], "title": row["title"], "kind": row["kind"], "created_by": author.name if author else None,
             "created_at": row["created_at"], "updated_at": row["updated_at"],
             "last_job": job_json(app.last_job(row["id"]))}
    if with_check:
        value["check"] = check_json(app.drafts.check(row["id"], row["kind"]))
    return value


async def uploaded_files(form, field: str) -> list[tuple[str, bytes]]:
    """The files uploaded in a form's field, as (name, bytes)."""
    return [(item.filename or "", await item.read()) for item in form.getlist(field)
            if isinstance(item, UploadFile) and item.filename]


async def _files_of(request: Request) -> list[tuple[str, bytes]]:
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        return await uploaded_files(await request.form(), "file") + await uploaded_files(await request.form(), "images")
    try:
        body = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or not isinstance(body.get("markdown"), str):
        raise UploadRefused("send the statement as a multipart upload ('file': a .md or .docx, 'images': its "
                            "pictures) or as JSON {\"markdown\": \"...\"}")
    return [("statement.md", body["markdown"].encode("utf-8"))]


@api_user
async def list_statements(request: Request):
    """Every statement, newest change first (without their checks).
    ---
    summary: List statements
    responses:
      200:
        description: The statements
        content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Statement"}}}}
    """
    app = request.app.state.parts
    rows = app.store.all("SELECT * FROM statements ORDER BY updated_at DESC, id DESC")
    return JSONResponse([statement_json(app, row, with_check=False) for row in rows])


@api_user
async def create_statement(request: Request):
    """Create a statement from a Markdown or Word upload (multipart: 'file', and 'images' for the pictures a
    Markdown file names), or from JSON {"markdown": "..."}. It is checked at once; errors do not stop it
    being saved (fix them with a new version).
    ---
    summary: Create a statement
    requestBody:
      content:
        multipart/form-data:
          schema:
            type: object
            properties:
              file: {type: string, format: binary, description: "statement.md or statement.docx"}
              images: {type: array, items: {type: string, format: binary}}
            required: [file]
        application/json:
          schema: {type: object, properties: {markdown: {type: string}}, required: [markdown]}
    responses:
      201:
        description: Created, with its check
        content: {application/json: {schema: {$ref: "#/components/schemas/Statement"}}}
      422:
        description: The upload was refused (not a statement, a macro document, too large, ...)
        content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    """
    app = request.app.state.parts
    try:
        files = await _files_of(request)
        statement_id = await run_in_threadpool(app.upload, files, request.state.user.id)
    except UploadRefused as refused:
        return error(422, str(refused))
    body = await run_in_threadpool(statement_json, app, app.statement(statement_id))
    return JSONResponse(body, status_code=201, headers={"Location": f"/api/statements/{statement_id}"})


@api_user
async def get_statement(request: Request):
    """A statement, with its check (the errors and warnings `statement-renderer check` gives) and last build.
    ---
    summary: Read a statement and its check
    parameters: [{name: statement_id, in: path, required: true, schema: {type: integer}}]
    responses:
      200:
        description: The statement
        content: {application/json: {schema: {$ref: "#/components/schemas/Statement"}}}
      404: {description: No such statement}
    """
    app = request.app.state.parts
    row = app.statement(_id(request, "statement_id"))
    return JSONResponse(await run_in_threadpool(statement_json, app, row))


@api_user
async def replace_source(request: Request):
    """Replace a statement's source with a new version (the same forms as creating one).
    ---
    summary: Upload a new version of a statement
    parameters: [{name: statement_id, in: path, required: true, schema: {type: integer}}]
    requestBody:
      content:
        multipart/form-data:
          schema: {type: object, properties: {file: {type: string, format: binary}}, required: [file]}
        application/json:
          schema: {type: object, properties: {markdown: {type: string}}, required: [markdown]}
    responses:
      200:
        description: Replaced, with its check
        content: {application/json: {schema: {$ref: "#/components/schemas/Statement"}}}
      422:
        description: The upload was refused
        content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    """
    app = request.app.state.parts
    row = app.statement(_id(request, "statement_id"))
    try:
        files = await _files_of(request)
        await run_in_threadpool(app.upload, files, request.state.user.id, row)
    except UploadRefused as refused:
        return error(422, str(refused))
    return JSONResponse(await run_in_threadpool(statement_json, app, app.statement(row["id"])))


@api_user
async def start_build(request: Request):
    """Build the statement as it is now: every format, every check (EPUBCheck, Ace), into its preview.
    ---
    summary: Start a build
    parameters: [{name: statement_id, in: path, required: true, schema: {type: integer}}]
    responses:
      202:
        description: Queued; follow it at the Location
        content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}
      404: {description: No such statement}
    """
    app = request.app.state.parts
    statement_id = app.statement(_id(request, "statement_id"))["id"]
    job_id = await run_in_threadpool(app.queue.submit, statement_id, request.state.user.id)
    job = app.store.one("SELECT * FROM jobs WHERE id = ?", job_id)
    return JSONResponse(job_json(job), status_code=202, headers={"Location": f"/api/jobs/{job_id}"})


@api_user
async def get_job(request: Request):
    """A build: its status, its stages so far and, when it has finished, each file with its checks.
    ---
    summary: Read a build's status and checks
    parameters: [{name: job_id, in: path, required: true, schema: {type: integer}}]
    responses:
      200:
        description: The build
        content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}
      404: {description: No such build}
    """
    app = request.app.state.parts
    row = app.store.one("SELECT * FROM jobs WHERE id = ?", _id(request, "job_id"))
    if row is None:
        raise HTTPException(404)
    return JSONResponse(job_json(row) | {"events": [event["message"] for event in app.store.events(row["id"])]})


@api_user(publisher=True)
async def publish(request: Request):
    """Publish the statement's last build at /releases/<slug>/ (publishers only). Refused when the last
    build had a failed check, the statement changed since, or it is under embargo.
    ---
    summary: Publish the last build
    parameters: [{name: statement_id, in: path, required: true, schema: {type: integer}}]
    responses:
      201:
        description: Published
        content: {application/json: {schema: {$ref: "#/components/schemas/Release"}}}
      403: {description: Not a publisher's token}
      409:
        description: Not publishable now (why, with the fix)
        content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}
    """
    app = request.app.state.parts
    statement_id = app.statement(_id(request, "statement_id"))["id"]
    try:
        publication, slug = await run_in_threadpool(app.publish_last_build, statement_id, request.state.user.id)
    except PublishRefused as refused:
        return error(409, str(refused))
    row = app.store.one("SELECT * FROM publications WHERE id = ?", publication)
    return JSONResponse({"slug": slug, "url": f"/releases/{slug}/", "statement_id": statement_id,
                         "published_at": row["published_at"], "publication": publication}, status_code=201)


@api_user
async def list_releases(request: Request):
    """The releases live now, newest first.
    ---
    summary: List published releases
    responses:
      200:
        description: The releases
        content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Release"}}}}
    """
    app = request.app.state.parts
    rows = app.store.all("SELECT slug, statement_id, MAX(published_at) AS published_at FROM publications "
                         "GROUP BY slug ORDER BY published_at DESC")
    return JSONResponse([{"slug": row["slug"], "url": f"/releases/{row['slug']}/", "statement_id": row["statement_id"],
                          "published_at": row["published_at"]}
                         for row in rows if app.releases.live_folder(row["slug"]).is_dir()])


async def openapi(request: Request):
    return JSONResponse(SCHEMAS.get_schema(routes=ROUTES))


ROUTES = [
    Route("/api/openapi.json", openapi, include_in_schema=False),
    Route("/api/statements", list_statements, methods=["GET"]),
    Route("/api/statements", create_statement, methods=["POST"]),
    Route("/api/statements/{statement_id}", get_statement, methods=["GET"]),
    Route("/api/statements/{statement_id}/source", replace_source, methods=["PUT"]),
    Route("/api/statements/{statement_id}/builds", start_build, methods=["POST"]),
    Route("/api/statements/{statement_id}/publish", publish, methods=["POST"]),
    Route("/api/jobs/{job_id}", get_job, methods=["GET"]),
    Route("/api/releases", list_releases, methods=["GET"]),
]
