"""The web version: the statement as one accessible HTML5 page, `<slug>.html`, with its images."""

from __future__ import annotations

import shutil

from .html_checks import check_html_page
from .model import Statement
from .stage import BuildContext, OutputFile, Stage
from .templating import UI_LANGUAGE, render


def ui_language_attribute(statement: Statement, xhtml: bool = False) -> str:
    """` lang="en-GB"` for words the templates add, where the statement is in another language."""
    if statement.meta.language.split("-")[0] == UI_LANGUAGE.split("-")[0]:
        return ""
    return f' lang="{UI_LANGUAGE}"' + (f' xml:lang="{UI_LANGUAGE}"' if xhtml else "")


def copy_media(statement: Statement, context: BuildContext) -> list[OutputFile]:
    """Copy each image the statement shows into the bundle, beside the page that shows it."""
    files = []
    for figure in statement.figures:
        shutil.copyfile(figure.source, context.path(figure.bundle_path))
        files.append(OutputFile(path=figure.bundle_path, format="html", label=f"Image: {figure.alt}",
                                description="An image used by the web version.", media_type=figure.media_type,
                                listed=False))
    return files


def render_web(statement: Statement, context: BuildContext) -> list[OutputFile]:
    page = render("web/statement.html", statement=statement, language=statement.meta.language,
                  ui_lang=ui_language_attribute(statement), generator=context.generator,
                  xhtml=False, media_prefix="media/")
    name = f"{statement.meta.slug}.html"
    target = context.path(name)
    target.write_text(page, "utf-8")
    page_file = OutputFile(path=name, format="html", label="Web page",
                           description="The full statement as an accessible web page, for any browser or screen reader.",
                           media_type="text/html", checks=check_html_page(target))
    return [page_file, *copy_media(statement, context)]


STAGE = Stage(name="html", summary="accessible web page", render=render_web)
