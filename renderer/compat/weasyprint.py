"""WeasyPrint 70: which HTML element each PDF structure element came from.

WeasyPrint builds its PDF structure tree in the private generator
`weasyprint.pdf.tags._build_box_tree`. While `recording_elements()` is active,
that generator is wrapped so that every structure element it yields is stamped
with a private key (`KEY_NAME`) holding the id of its HTML element; the stamps
let `writers/pdf/structure.py` mend the tree and are removed there.
"""

from __future__ import annotations

from contextlib import contextmanager

from . import require_version

KEY_NAME = "RendererElement"


@contextmanager
def recording_elements():
    """While active, WeasyPrint stamps every structure element with the id of its HTML element.

    Yields the {id: element} map the stamps refer to."""
    require_version("weasyprint", "70", "renderer/compat/weasyprint.py")
    from weasyprint.pdf import tags

    elements: dict[int, object] = {}
    original = tags._build_box_tree

    def recording(box, *args, **kwargs):
        element = getattr(getattr(box, "_box", box), "element", None)
        for struct in original(box, *args, **kwargs):
            if element is not None and KEY_NAME not in struct:
                elements[id(element)] = element
                struct[KEY_NAME] = id(element)
            yield struct

    tags._build_box_tree = recording
    try:
        yield elements
    finally:
        tags._build_box_tree = original
