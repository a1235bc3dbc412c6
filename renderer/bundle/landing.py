"""The landing page, `index.html`: every format with its size, the audio players, and the checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..artifact import Artifact
from ..model import Statement
from ..templating import render

LANDING_PAGE = "index.html"


def write_landing_page(folder: Path, statement: Statement, artifacts: list[Artifact], generator: str,
                       built_at: dt.datetime) -> Artifact:
    page = render("web/landing.html", statement=statement, files=[a for a in artifacts if a.listed],
                  language=statement.meta.language, generator=generator, built_at=built_at.date())
    (folder / LANDING_PAGE).write_text(page, "utf-8")
    return Artifact(path=LANDING_PAGE, media_type="text/html", label="Landing page", edition=None,
                    description="This release's front page, linking every format.", listed=False, format="bundle")
