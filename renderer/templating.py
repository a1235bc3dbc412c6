"""The Jinja2 environment shared by every writer and the bundle: templates ship inside the package.

All markup is in the templates (autoescaped); Python passes values, never HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2

from .model import block_text
from .text.dates import long_date
from .text.messages import has_messages, same_language

UI_LANGUAGE = "en-GB"  # the language of the words the templates themselves add
FALLBACK_LANGUAGE = "en"  # the language of the catalogue's words for a language it does not have


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
    env.globals["interface_language"] = interface_language
    env.globals["block_text"] = block_text
    return env


def render(template_name: str, **context) -> str:
    """Render a template. Given the page's `language`, the templates also get `ui`, the language of
    the words they add where it differs from the page's, and `catalogue_ui`, the same for words from
    the message catalogue; `xhtml` (the EPUB) defaults to False."""
    language = context.get("language")
    if language:
        context.setdefault("ui", interface_language(language))
        context.setdefault("catalogue_ui", None if has_messages(language) else FALLBACK_LANGUAGE)
    context.setdefault("xhtml", False)
    return environment().get_template(template_name).render(**context)


def interface_language(language: str) -> str | None:
    """The language of the words the templates add, where it differs from the statement's (the
    templates then mark those words with it); None where they are in the statement's language."""
    return None if same_language(language, UI_LANGUAGE) else UI_LANGUAGE


def css_string(value: str) -> str:
    """Text as a quoted CSS string; every character that is not a letter, digit or space
    is escaped, so untrusted text cannot end the string or the <style> element."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(value))
    return f'"{escaped}"'


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
    """A fingerprint of every template, so a template change makes a release out of date."""
    digest = hashlib.sha256()
    for path in sorted(templates_folder().rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(templates_folder()).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
