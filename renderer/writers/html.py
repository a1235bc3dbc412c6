"""The web page: each edition as one accessible HTML5 page, `<slug>.html`, with the images it shows."""

from __future__ import annotations


from ..artifact import Artifact
from ..editions import Edition
from ..templating import render
from ..text.messages import interface
from . import WriterContext

LABELS = {"full": "web_page", "plain": "plain_web_page"}  # the catalogue's `formats`


def write(editions: list[Edition], context: WriterContext) -> list[Artifact]:
    artifacts = []
    for edition in editions:
        statement = edition.statement
        name = f"{edition.slug}.html"
        context.path(name).write_text(render("web/statement.html", statement=statement, edition=edition,
                                             language=statement.meta.language, generator=context.generator,
                                             media_prefix="media/"), "utf-8")
        label, description = interface(statement.meta.language).label(LABELS[edition.name])
        artifacts.append(Artifact(path=name, media_type="text/html", label=label, description=description,
                                  edition=edition.name))
        artifacts += copy_media(edition, context)
    return artifacts


def copy_media(edition: Edition, context: WriterContext) -> list[Artifact]:
    """Copy each image the statement shows into the bundle, beside the page that shows it (once: the
    plain edition shows the same images)."""
    artifacts = []
    for figure in edition.statement.figures:
        if context.path(figure.bundle_path).exists():
            continue
        context.path(figure.bundle_path).write_bytes(figure.data)
        label, description = interface(edition.statement.meta.language).label("image", alt=figure.alt)
        artifacts.append(Artifact(path=figure.bundle_path, media_type=figure.media_type, label=label,
                                  description=description, edition=edition.name, listed=False))
    return artifacts
