"""The `statement-renderer` command: parses arguments, calls the library, shows progress and a summary.

Exit status: 0 when everything was built and published (or checked) without
errors; 1 when a check failed, so a release was held back and not published;
2 when a source has errors or the machine cannot do what was asked (each
printed once, on one line, with its file, line and fix).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .pipeline import available_formats, build_options, build_statement, check_options, find_sources, preflight, \
    summary
from .diagnostics import Diagnostic, SourceError, file_system_error
from .readers import read_statement
from .templating import file_size

app = typer.Typer(
    name="statement-renderer",
    help="Render statements (Markdown or Word) into accessible release bundles: web page, PDF, EPUB, plain "
         "language and audio.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

SOURCES_ARGUMENT = typer.Argument(..., help="Statement files (Markdown with YAML front matter, or Word .docx), "
                                            "or folders of them.", show_default=False)

OUT_OPTION = typer.Option(Path("release"), "--out", "-o", help="Folder that holds the release bundles.")
FORMATS_OPTION = typer.Option(
    None, "--formats", "-f",
    help=f"Comma-separated formats to build; all by default. Available: {', '.join(available_formats())}.")
VERIFY_OPTION = typer.Option(True, "--verify/--no-verify",
                             help="Check the EPUB with EPUBCheck and DAISY Ace (slow: skip for a quick preview).")
VOICE_OPTION = typer.Option(
    None, "--voice",
    help="The voice that reads the audio, instead of the statement's 'voice:': piper (default, offline), "
         "a Piper voice name or .onnx file, espeak-ng[:VOICE], or gtts[:TLD] (online, falls back offline).")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"statement-renderer {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Render statements (Markdown or Word) into accessible release bundles."""


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        typer.echo(str(diagnostic), err=True)


def _sources(paths: List[Path]) -> list[Path]:
    sources = find_sources(paths)
    if not sources:
        typer.echo(f"error: no statement files (*.md, *.docx) found in {', '.join(map(str, paths))}. "
                   "Fix: name a Markdown or Word file, or a folder that holds some", err=True)
        raise typer.Exit(2)
    return sources


@app.command("build")
def build_command(
    sources: List[Path] = SOURCES_ARGUMENT,
    out_dir: Path = OUT_OPTION,
    formats: Optional[str] = FORMATS_OPTION,
    force: bool = typer.Option(False, "--force", help="Rebuild even when the release is already up to date."),
    ignore_embargo: bool = typer.Option(False, "--ignore-embargo",
                                        help="Build a statement still under embargo (a preview: do not publish it)."),
    verify: bool = VERIFY_OPTION,
    voice: Optional[str] = VOICE_OPTION,
    publish_with_failures: bool = typer.Option(
        False, "--publish-with-failures",
        help="Publish the release even when a check failed (the manifest records it). Without it, a release "
             "with a failed check is kept aside in <out>/.<slug>.failed/ and the live one stays as it was."),
    queue: Optional[str] = typer.Option(
        None, "--queue",
        help="Build on the workers of a Redis queue (redis://HOST:6379/0) instead of here: one job a statement, "
             "then wait for them all. The sources and --out must be in the workers' shared folder."),
) -> None:
    """Build a release bundle (release/<slug>/) for each source statement.

    Exit status: 0 every release published (or up to date); 1 a check failed, so a release was not
    published; 2 bad input or a problem with the machine (each printed with its fix)."""
    options = _options(formats=formats, force=force, ignore_embargo=ignore_embargo, verify=verify, voice=voice,
                       publish_with_failures=publish_with_failures)
    read = [_read(source) for source in _sources(sources)]
    statements = [found for found in read if found is not None]
    failed, held_back = len(statements) < len(read), False
    by_slug: dict[str, Path] = {}
    for statement, _ in statements:
        slug, path = statement.meta.slug, statement.source_path
        if slug in by_slug:
            typer.echo(f"{path}: error: its slug '{slug}' is also the slug of {by_slug[slug]}. "
                       "Fix: give one of them its own 'slug:' in the front matter", err=True)
            raise typer.Exit(2)
        by_slug[slug] = path
    if queue:
        for _, report in statements:
            _print_diagnostics(report.warnings)
        on_queue_failed, on_queue_held = _build_on_queue(queue, [s.source_path for s, _ in statements], out_dir,
                                                         options)
        raise typer.Exit(2 if failed or on_queue_failed else 1 if on_queue_held else 0)
    for statement, report in statements:
        result = _build_read(statement, report, out_dir, options)
        failed = failed or result is None
        held_back = held_back or (result is not None and not result.published)
    raise typer.Exit(2 if failed else 1 if held_back else 0)


def _options(**values):
    """The build options asked for, or exit 2 with the fix."""
    try:
        options = build_options(**values)
    except ValueError as exc:
        typer.echo(f"error: {exc}. Fix: pass e.g. --formats {','.join(available_formats())}", err=True)
        raise typer.Exit(2)
    try:
        check_options(options)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    return options


def _read(source: Path):
    """(statement, its reader's report), or None when it has errors (printed, each with its line and fix)."""
    try:
        statement, report = read_statement(source)
        preflight(statement)
        return statement, report
    except SourceError as exc:
        _print_diagnostics(exc.diagnostics)
        return None


def _build_read(statement, report, out_dir: Path, options):
    """Build a statement that was read, printing its warnings, progress and summary; the build's result, or None
    when the build found errors in it (printed)."""
    source = statement.source_path
    _print_diagnostics(report.warnings)
    try:
        with err.status(f"{source}: starting", spinner="dots") as status:
            result = build_statement(statement, out_dir, options,
                                     on_progress=lambda message: status.update(f"{source}: {message}"))
    except SourceError as exc:
        _print_diagnostics(exc.diagnostics)
        return None
    except KeyboardInterrupt:
        typer.echo(f"{source}: interrupted: nothing was published, and the live release was left as it was",
                   err=True)
        raise typer.Exit(130)
    _print_diagnostics(result.warnings)  # what the build itself found (the source's were printed above)
    _print_summary(summary(result))
    return result


@app.command()
def watch(
    sources: List[Path] = SOURCES_ARGUMENT,
    out_dir: Path = OUT_OPTION,
    formats: Optional[str] = FORMATS_OPTION,
    verify: bool = VERIFY_OPTION,
    voice: Optional[str] = VOICE_OPTION,
) -> None:
    """Build each statement, then build it again each time it (or an image it shows) is saved, until Ctrl-C.

    The rebuilds run in this process, with the parser and the voices loaded and what the last build made at
    hand: after a one-word edit only that sentence is read aloud again, in about a tenth of the first build's
    time. A save with an error prints it (file, line, fix) and leaves the live release as it was; the next save
    is built as usual."""
    from watchfiles import watch as changes_in

    options = _options(verify=verify, formats=formats, voice=voice)
    paths = [source.resolve() for source in _sources(sources)]
    shown: dict[Path, set[Path]] = {}  # each statement's images, as last read

    def build(source: Path) -> None:
        found = _read(source)
        if found is not None:
            shown[source] = {figure.source.resolve() for figure in found[0].figures}
            _build_read(*found, out_dir, options)

    for source in paths:
        build(source)
    release = out_dir.resolve()
    watching = False
    try:
        # every second without a change gives an empty set: the first says the watcher is running
        for changes in changes_in(*sorted({path.parent for path in paths}), raise_interrupt=True,
                                  watch_filter=lambda _, path: not Path(path).resolve().is_relative_to(release),
                                  rust_timeout=1000, yield_on_timeout=True):
            if not watching:
                out.print(f"Watching {', '.join(str(path) for path in paths)} for changes (Ctrl-C stops).",
                          highlight=False, soft_wrap=True)
                watching = True
            changed = {Path(path).resolve() for _, path in changes}
            for source in paths:
                if source in changed or shown.get(source, set()) & changed:
                    build(source)
    except KeyboardInterrupt:
        out.print("Stopped watching.")


def _build_on_queue(url: str, sources: list[Path], out_dir: Path, options) -> tuple[bool, bool]:
    """Put one build a statement on the queue, show their progress, wait for them all and print each
    summary. Returns (some had errors, some were held back)."""
    import time

    from rq import Worker

    from .queue import QueueError, QueuedBuild, build_queue, connect, options_of, state_of, submit

    try:
        queue = build_queue(connect(url))
    except QueueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    jobs = {submit(queue, source, out_dir, options_of(options)).id: source for source in sources}
    out.print(f"{len(jobs)} build(s) queued on {url}; waiting for the workers (Ctrl-C stops waiting, the builds "
              "go on).", highlight=False)
    if not Worker.count(queue=queue):
        typer.echo("note: no worker is taking builds from this queue yet. Fix: start one with 'statement-renderer "
                   f"worker --queue {url} --shared FOLDER'", err=True)
    ended: dict[str, QueuedBuild] = {}
    failed = held_back = False
    with err.status("waiting", spinner="dots") as status:
        while len(ended) < len(jobs):
            running = []
            for job_id, source in jobs.items():
                if job_id in ended:
                    continue
                state = state_of(queue, job_id) or QueuedBuild("failed", errors=[
                    f"{source}: error: the queue has no record of this build (Redis was emptied). Fix: build again"])
                if state.status in ("finished", "failed"):
                    ended[job_id] = state
                    for error in state.errors:  # a statement's errors name it; a failure of the queue does not
                        typer.echo(error if error.startswith(str(source.resolve())) else f"{source}: error: {error}", err=True)
                    if state.result is not None:
                        _print_summary(state.result)
                    failed = failed or state.result is None
                    held_back = held_back or (state.result is not None and not state.result["published"])
                elif state.status == "running":
                    running.append(f"{source.name}: {state.events[-1] if state.events else 'starting'}")
            status.update(f"{len(ended)} of {len(jobs)} built" + (f"; {'; '.join(running)}" if running else ""))
            time.sleep(0.5)
    return failed, held_back


def _print_summary(result: dict) -> None:
    """A build's summary (`pipeline.summary`, whether it was built here or by a queue's worker)."""
    if result["up_to_date"]:
        out.print(f"{result['source']}: up to date in {result['bundle']} (use --force to rebuild)")
        return
    table = Table(title=f"{result['source']} → {result['bundle']}", title_justify="left")
    table.add_column("Format")
    table.add_column("File")
    table.add_column("Size", justify="right")
    table.add_column("Time", justify="right")
    table.add_column("Checks")
    for file in result["files"]:
        passed = sum(1 for c in file["checks"] if c["passed"])
        checks = f"{passed}/{len(file['checks'])} passed" if file["checks"] else ""
        seconds = result["stage_seconds"].get(file["format"])
        table.add_row(file["format"], file["name"], file_size(file["bytes"]),
                      f"{seconds:.2f} s" if seconds is not None else "", checks)
    out.print(table)
    for line in result["summary_lines"]:
        out.print(line, highlight=False)
    for failure in result["failed_checks"]:
        out.print(f"[bold red]Check failed[/]: {failure}")
    if not result["published"]:
        out.print(f"[bold red]Not published[/]: {len(result['failed_checks'])} check(s) failed, so the live release "
                  f"{result['bundle']} was left as it was. The new bundle is kept in {result['held_back']} for "
                  "inspection (its manifest.json says why each check failed). Fix: correct the problem and build "
                  "again, or pass --publish-with-failures to publish it anyway.", highlight=False)
    elif result["failed_checks"]:
        out.print("Published with failed checks (--publish-with-failures); the manifest records them.")
    out.print(f"Built in {result['seconds']:.2f} s.")


@app.command()
def check(sources: List[Path] = SOURCES_ARGUMENT) -> None:
    """Check source statements for errors and warnings without building anything."""
    failed = False
    for source in _sources(sources):
        try:
            statement, report = read_statement(source)
            preflight(statement)
        except SourceError as exc:
            _print_diagnostics(exc.diagnostics)
            failed = True
            continue
        _print_diagnostics(report.warnings)
        warnings = len(report.warnings)
        out.print(f"{source}: OK ({statement.word_count} words, {len(statement.outline)} headings, "
                  f"{warnings} warning{'s' if warnings != 1 else ''})")
    raise typer.Exit(2 if failed else 0)


@app.command()
def convert(
    source: Path = typer.Argument(..., help="The Word document (.docx) to convert.", show_default=False),
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o",
                                           help="Folder for the Markdown file and its images; the document's own "
                                                "folder by default."),
    force: bool = typer.Option(False, "--force", help="Replace files that already exist."),
) -> None:
    """Write a Word statement as its Markdown source (with front matter, pictures in images/), to keep it as
    text under version control. Building the .md gives the same release as building the .docx."""
    from .readers.docx import convert as convert_word

    if source.suffix.lower() not in (".docx", ".docm"):
        typer.echo(f"{source}: error: only Word documents (.docx) are converted. Fix: name a .docx file", err=True)
        raise typer.Exit(2)
    try:
        written, report = convert_word(source, out_dir or source.parent, overwrite=force)
    except OSError as exc:
        typer.echo(str(file_system_error(exc, out_dir or source.parent)), err=True)
        raise typer.Exit(2)
    _print_diagnostics(report.items)
    if not written:
        raise typer.Exit(2)
    markdown, images = written[0], written[1:]
    out.print(f"{source} → {markdown}" + (f" and {len(images)} image{'s' if len(images) != 1 else ''} in "
                                          f"{images[0].parent}" if images else ""), highlight=False)
    out.print(f"Check it with: statement-renderer check {markdown}", highlight=False)


users_app = typer.Typer(help="Accounts of the web app (statement-renderer serve).", no_args_is_help=True)
app.add_typer(users_app, name="users")
DATA_OPTION = typer.Option(Path("statement-data"), "--data", help="The web app's data folder.")


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="The user name people sign in with.", show_default=False),
    role: str = typer.Option(..., "--role", help="writer (drafts and builds previews) or publisher (also publishes)."),
    data: Path = DATA_OPTION,
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input "
                                                                         "(for scripts) instead of asking for it."),
) -> None:
    """Create an account for the web app."""
    import sys

    from .web.auth import add_user
    from .web.store import Store

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password (at least 10 characters)", hide_input=True, confirmation_prompt=True)
    try:
        add_user(Store(data / "app.sqlite3"), name, role, password)
    except ValueError as exc:
        typer.echo(f"error: {exc}. Fix: choose another and try again", err=True)
        raise typer.Exit(2)
    out.print(f"Added {name} ({role}) to {data}.", highlight=False)


@users_app.command("token")
def users_token(
    name: str = typer.Argument(..., help="The user the token acts for (with that user's role)."),
    label: str = typer.Option("API", "--label", help="What the token is for, e.g. the publishing system's name."),
    revoke: bool = typer.Option(False, "--revoke", help="Withdraw every token of this user instead."),
    data: Path = DATA_OPTION,
) -> None:
    """Make an API token for a publishing system (it is shown once: keep it secret), or withdraw them all."""
    from .web.auth import make_token, revoke_tokens
    from .web.store import Store

    store = Store(data / "app.sqlite3")
    try:
        if revoke:
            out.print(f"Withdrew {revoke_tokens(store, name)} token(s) of {name}.", highlight=False)
        else:
            out.print(make_token(store, name, label), highlight=False)
    except ValueError as exc:
        typer.echo(f"error: {exc}. Fix: create the user first with 'statement-renderer users add'", err=True)
        raise typer.Exit(2)


@users_app.command("list")
def users_list(data: Path = DATA_OPTION) -> None:
    """List the web app's accounts."""
    from .web.store import Store

    for row in Store(data / "app.sqlite3").all("SELECT name, role, created_at FROM users ORDER BY name"):
        out.print(f"{row['name']}\t{row['role']}\t{row['created_at']}", highlight=False)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", help="The port to listen on."),
    data: Path = DATA_OPTION,
    queue: Optional[str] = typer.Option(None, "--queue", help="Run builds on Redis workers (redis://HOST:6379/0; "
                                                              "start them with 'statement-renderer worker'). "
                                                              "Without it, the app builds one at a time itself."),
) -> None:
    """Run the web app: write or upload, check, build, preview and publish statements in a browser."""
    import uvicorn

    from .queue import QueueError
    from .web.app import create_app
    from .web.store import Store

    if not Store(data / "app.sqlite3").all("SELECT id FROM users LIMIT 1"):
        typer.echo(f"note: {data} has no users yet. Fix: create one with "
                   f"'statement-renderer users add NAME --role publisher --data {data}'", err=True)
    try:
        application = create_app(data, queue)
    except QueueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    out.print(f"Serving on http://{host}:{port}/ (data in {data}" + (f", builds on {queue}" if queue else "") +
              "); Ctrl-C stops.", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def worker(
    queue: str = typer.Option(..., "--queue", help="The Redis queue, e.g. redis://localhost:6379/0."),
    shared: Path = typer.Option(..., "--shared", help="The folder shared by the app and every worker (the web "
                                                      "app's --data, the statements and release folders of "
                                                      "'build --queue'): builds read and write only inside it."),
    burst: bool = typer.Option(False, "--burst", help="Stop when the queue is empty."),
) -> None:
    """Run builds from a Redis queue (for 'serve --queue' and 'build --queue'), one at a time; start as many
    workers as there are cores to spare, on any number of machines that share the folder."""
    from .queue import QueueError, run_worker

    if not shared.is_dir():
        typer.echo(f"error: the shared folder {shared} does not exist. Fix: mount or create it, at the same path "
                   "on every machine", err=True)
        raise typer.Exit(2)
    try:
        run_worker(queue, shared, burst=burst)
    except QueueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)


@app.command("check-pdf")
def check_pdf_command(
    files: List[Path] = typer.Argument(..., help="PDF files to check.", show_default=False),
) -> None:
    """Check PDFs for PDF/UA-1 essentials: tags, language, title, headings, alt text, tables, fonts."""
    from .checks.pdf import check_pdf

    failed = False
    for file in files:
        try:
            checks = check_pdf(file)
        except Exception as exc:  # a damaged or non-PDF file: say so and go on to the next
            typer.echo(f"{file}: error: cannot be read as a PDF ({exc}). Fix: check that it is a complete PDF file",
                       err=True)
            failed = True
            continue
        for check in checks:
            out.print(f"{file}: {'passed' if check.passed else 'FAILED'}: {check.name}. {check.details}",
                      highlight=False, soft_wrap=True)
        failed = failed or not all(check.passed for check in checks)
    raise typer.Exit(1 if failed else 0)


@app.command("check-epub")
def check_epub_command(
    files: List[Path] = typer.Argument(..., help="EPUB files to check.", show_default=False),
) -> None:
    """Check EPUBs with EPUBCheck and (when installed) DAISY Ace; print every message."""
    from .checks.epub import ace_command, ace_violations, epubcheck_messages

    failed = False
    for file in files:
        if not zipfile.is_zipfile(file):
            typer.echo(f"{file}: error: not an EPUB (it is not a zip file). Fix: name a .epub file", err=True)
            failed = True
            continue
        messages = epubcheck_messages(file)
        for message in messages:
            out.print(f"{file}: EPUBCheck: {message}", highlight=False, soft_wrap=True)
        ace_installed = ace_command() is not None
        violations = ace_violations(file) if ace_installed else []
        for violation in violations:
            out.print(f"{file}: Ace: {violation}", highlight=False, soft_wrap=True)
        ace = "no violations" if ace_installed else "not installed, not run"
        out.print(f"{file}: EPUBCheck: {len(messages) or 'no'} errors or warnings; Ace: "
                  f"{f'{len(violations)} violations' if violations else ace}", highlight=False)
        failed = failed or bool(messages or violations)
    raise typer.Exit(1 if failed else 0)


def main() -> None:
    app()
