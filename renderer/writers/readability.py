"""The readability report, `<slug>-readability.html`: for the statement's authors, how easy each edition is
to read and what to change in the source; and the one-line summary the person building sees."""

from __future__ import annotations

from ..artifact import Artifact
from ..editions import FULL, PLAIN, Edition
from ..editions.readability import readability_report
from ..templating import render
from ..text.messages import interface
from . import WriterContext


def write(editions: list[Edition], context: WriterContext) -> list[Artifact]:
    full = next(edition for edition in editions if edition.name == FULL)
    plain = next((edition for edition in editions if edition.name == PLAIN), None)
    report = readability_report(full, plain)
    name = f"{full.slug}-readability.html"
    context.path(name).write_text(render("plain/readability.html", statement=full.statement, report=report,
                                         language="en-GB", generator=context.generator), "utf-8")
    context.summary_lines.append(f"Readability: {report.summary_line()}")
    label, description = interface(full.statement.meta.language).label("readability")
    return [Artifact(path=name, media_type="text/html", label=label, edition=None, description=description)]
