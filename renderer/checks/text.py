"""Checks on text files: the plain-language text keeps every fact of the statement."""

from __future__ import annotations

from ..artifact import Check
from ..editions.plain_language import missing_facts


def check_facts_kept(subject) -> list[Check]:
    plain = subject.release.plain
    if subject.artifact.edition != "plain" or plain is None:
        return []
    missing = missing_facts(subject.release.statement, plain.statement)
    if plain.origin == "author":  # the authors chose what their plain version says
        return [Check("Facts kept", True, "the authors' own plain version" + (
            f"; it leaves out: {', '.join(sorted(missing))}" if missing else ", with every fact of the statement"))]
    return [Check("Facts kept", not missing,
                  f"missing from the plain version: {', '.join(sorted(missing))}" if missing
                  else "every number, date and name of the statement is in the plain version")]
