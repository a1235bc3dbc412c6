"""The DAISY 2.02 talking book, full text and full audio: `<slug>-daisy.zip`, for libraries serving people
with print disabilities and the players they lend (DAISY players, Dolphin EasyReader, Thorium).

Made from what the audio stage recorded (`context.spoken`): the statement's MP3 (one a language, for a
bilingual statement) and where each of its chapters and sentences starts, as the synthesiser made them
(no forced alignment). Inside the zip:

- `ncc.html`, the navigation control centre: the metadata DAISY 2.02 requires (`dc:format` "Daisy 2.02",
  `ncc:multimediaType` "audioFullText", `ncc:totalTime`, `ncc:tocItems`, …) and a heading for each
  section (the audio's chapters), the first with class "title", each linked to its SMIL;
- `content.html`, the text: every sentence the audio reads, each with its id;
- one SMIL 1.0 file a section: a `par` for each sentence, its text and its clip of the MP3 (from its
  start to the next sentence's, so the clips add up to the whole recording);
- the MP3 files.

The structure is checked after writing (`checks/daisy.py`), as there is no DAISY validator here.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from ..artifact import Artifact
from ..diagnostics import Diagnostic, Severity
from ..editions import Edition
from ..files import zip_compression
from ..templating import render
from ..text.messages import interface
from . import Spoken, WriterContext


@dataclass
class Par:
    id: str
    text_id: str
    caption: str
    begin: float
    end: float


@dataclass
class Section:
    title: str
    level: int
    language: str
    audio: str
    smil: str
    ncc_id: str
    elapsed: str = ""
    pars: list[Par] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return sum(par.end - par.begin for par in self.pars)

    @property
    def time(self) -> str:
        return clock(self.seconds)


def clock(seconds: float) -> str:
    """DAISY's clock value, hh:mm:ss (with milliseconds where they count)."""
    whole = int(seconds)
    text = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    millis = round((seconds - whole) * 1000)
    return text if millis == 0 else f"{text}.{min(millis, 999):03d}"


def sections_of(recordings: list[Spoken]) -> list[Section]:
    """A section a chapter of each recording, its sentences clipped end to end over the whole recording."""
    sections: list[Section] = []
    sentence = 0
    for recording in recordings:
        current = None
        for chapter, spoken, begin, end in recording.clips():
            if current is None or current[0] is not chapter:
                number = len(sections) + 1
                current = (chapter, Section(chapter.title, 1 if number == 1 else 2, recording.language,
                                            recording.mp3, f"s{number:04d}.smil", f"h{number}"))
                sections.append(current[1])
            sentence += 1
            current[1].pars.append(Par(f"p{sentence}", f"t{sentence}", spoken.caption, begin, end))
    elapsed = 0.0
    for section in sections:
        section.elapsed = clock(elapsed)
        elapsed += section.seconds
    return sections


def write(editions: list[Edition], context: WriterContext) -> list[Artifact]:
    edition = editions[0]
    statement = edition.statement
    order = list(edition.parts or (edition,))  # the statement's own language first
    recordings = sorted((spoken for spoken in context.spoken if spoken.edition in order),
                        key=lambda spoken: order.index(spoken.edition))
    if not recordings:
        reason = "there is no audio of the statement to make it from"
        fix = "build the audio too (it was not made: see the warning above)"
        context.not_made.append({"format": "daisy", "reason": reason, "fix": fix})
        context.warnings.append(Diagnostic(Severity.WARNING, statement.source_path, None,
                                           f"no DAISY book was made: {reason}", fix))
        return []
    language = statement.meta.language
    sections = sections_of(recordings)
    names = {name: context.path(name).read_bytes() for name in dict.fromkeys(r.mp3 for r in recordings)}
    shared = dict(statement=statement, language=language, identifier=f"{statement.meta.slug}-daisy",
                  generator=context.generator, built_at=context.built_at)
    files = {"content.html": render("daisy/content.html", sections=sections, **shared)}
    for section in sections:
        files[section.smil] = render("daisy/section.smil.xml", section=section, **shared)
    total = sum(section.seconds for section in sections)
    count = len(files) + len(names) + 1  # and the ncc itself
    size = sum(len(text.encode()) for text in files.values()) + sum(len(data) for data in names.values())
    files["ncc.html"] = render("daisy/ncc.html", sections=sections, depth=max(s.level for s in sections), files=count,
                               kbytes=round(size / 1024), narrator=", ".join(dict.fromkeys(r.narrator for r in recordings)),
                               total_time=clock(round(total)), **shared)
    name = f"{edition.slug}-daisy.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for member in ["ncc.html", "content.html", *[s.smil for s in sections]]:
            info = zipfile.ZipInfo(f"{statement.meta.slug}/{member}", date_time=context.built_at.timetuple()[:6])
            book.writestr(info, files[member], compress_type=zip_compression(member))
        for member, data in names.items():
            info = zipfile.ZipInfo(f"{statement.meta.slug}/{member}", date_time=context.built_at.timetuple()[:6])
            book.writestr(info, data, compress_type=zip_compression(member))
    context.path(name).write_bytes(buffer.getvalue())
    label, description = interface(language).label("daisy")
    return [Artifact(path=name, media_type="application/x-daisy-202+zip", label=label, description=description,
                     edition=edition.name, properties={"sections": len(sections), "sentences":
                                                       sum(len(s.pars) for s in sections), "duration_seconds":
                                                       round(total, 2)})]
