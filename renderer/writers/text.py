"""Plain text: an edition as a text file for any device, `<slug>.txt` (headings underlined, 72 columns)."""

from __future__ import annotations

from ..artifact import Artifact
from ..editions import Edition
from ..templating import render
from ..text.messages import interface
from . import WriterContext

LABELS = {"full": "text", "plain": "plain_text"}  # the catalogue's `formats`


def write(editions: list[Edition], context: WriterContext) -> list[Artifact]:
    artifacts = []
    for edition in editions:
        name = f"{edition.slug}.txt"
        context.path(name).write_text(render("plain/statement.txt", statement=edition.statement, edition=edition,
                                             language=edition.statement.meta.language),
                                      "utf-8")
        label, description = interface(edition.statement.meta.language).label(LABELS[edition.name])
        artifacts.append(Artifact(path=name, media_type="text/plain", label=label, description=description,
                                  edition=edition.name))
    return artifacts
