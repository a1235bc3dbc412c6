"""The landing page, `index.html`: every format with its size, the audio players, and the checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..artifact import Artifact
from ..model import Statement
from ..templating import render
from ..text.messages import Interface, interface, language_name

LANDING_PAGE = "index.html"
CHECKS_LANGUAGE = "en"  # the checks' names and findings are the validators' words, in English


@dataclass(frozen=True)
class LanguageColumn:
    code: str
    name: str  # in its own language: "Cymraeg", "English"


def _languages_of(files: list[Artifact]) -> list[LanguageColumn]:
    """The languages of the files made for one language only (a bilingual release's audio), in order."""
    codes = list(dict.fromkeys(file.language for file in files if file.language))
    return [LanguageColumn(code, language_name(code, in_language=code)) for code in codes]


def write_landing_page(folder: Path, statement: Statement, artifacts: list[Artifact], generator: str,
                       built_at: dt.datetime) -> Artifact:
    files = [a for a in artifacts if a.listed]
    page = render("web/landing.html", statement=statement, files=files, language=statement.meta.language,
                  languages=_languages_of(files),
                  checks_language=Interface(statement.meta.language, CHECKS_LANGUAGE).marked,
                  generator=generator, built_at=built_at.date())
    (folder / LANDING_PAGE).write_text(page, "utf-8")
    label, description = interface(statement.meta.language).label("landing_page")
    return Artifact(path=LANDING_PAGE, media_type="text/html", label=label, edition=None,
                    description=description, listed=False, format="bundle")
