"""The Jinja2 environment shared by every writer and the bundle: templates ship inside the package.

All markup is in the templates (autoescaped); Python passes values, never HTML.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2

from .model import block_text, lines_of
from .text.dates import long_date
from .text.messages import interface


def templates_folder() -> Path:
    """Installed, the templates are the package `renderer.templates`; in a checkout, `templates/`."""
    try:
        return Path(str(resources.files("renderer.templates")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_folder())),
        autoescape=jinja2.select_autoescape(["html", "xhtml", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["file_size"] = file_size
    env.filters["css_string"] = css_string
    env.filters["vtt_timestamp"] = vtt_timestamp
    env.filters["vtt_text"] = vtt_text
    env.filters["css_counters"] = css_counters
    env.globals["interface"] = interface
    env.globals["block_text"] = block_text
    env.filters["first_upper"] = lambda text: str(text)[:1].upper() + str(text)[1:]  # "the date…" → "The date…"
    env.filters["lines"] = lines_of  # a paragraph's lines as the author broke them (an address)
    return env


def render(template_name: str, **context) -> str:
    """Render a template. Given the page's `language`, the templates also get `say`, the words they add
    from the message catalogue (`say("published_by", organisation=…)`), and `ui`, the language to mark
    those words with where it is not the page's (English standing in); `xhtml` (the EPUB) defaults to False."""
    language = context.get("language")
    if language:
        context.setdefault("say", interface(language))
        context.setdefault("ui", context["say"].marked)
    context.setdefault("xhtml", False)
    return environment().get_template(template_name).render(**context)


def css_string(value: str) -> str:
    """Text as a quoted CSS string; every character that is not a letter, digit or space
    is escaped, so untrusted text cannot end the string or the <style> element."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(value))
    return f'"{escaped}"'


def css_counters(words: str) -> str:
    """'Page {page} of {pages}' as CSS generated content: the words as strings, the fields as counters."""
    parts = re.split(r"\{(page|pages)\}", words)
    return " ".join(f"counter({part})" if i % 2 else css_string(part) for i, part in enumerate(parts) if part)


def vtt_timestamp(seconds: float) -> str:
    """WebVTT's hh:mm:ss.ttt."""
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def vtt_text(value: str) -> str:
    """Cue text: escaped as WebVTT requires, on one line, never a cue-timing arrow."""
    text = " ".join(str(value).split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("--&gt;", "→")


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@lru_cache(maxsize=1)
def templates_digest() -> str:
    """A fingerprint of every template of a release, so a template change makes a release out of date (the
    web app's own pages, `app/`, are not part of any release)."""
    digest = hashlib.sha256()
    for path in sorted(templates_folder().rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.relative_to(templates_folder()).parts[0] != "app":
            digest.update(path.relative_to(templates_folder()).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
