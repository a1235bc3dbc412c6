"""The PDF structure tree, walked: the one walker for the writer's repair and the PDF checks."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary


def is_element(obj) -> bool:
    return isinstance(obj, Dictionary) and "/S" in obj


def kids_of(element: Dictionary) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def walk(element: Dictionary) -> Iterator[Dictionary]:
    """The element and every structure element under it, in document order."""
    yield element
    for kid in kids_of(element):
        if is_element(kid):
            yield from walk(kid)


def structure_elements(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    """Every structure element of a PDF, in document order (the root itself is not one)."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    for kid in kids_of(root):
        if is_element(kid):
            yield from walk(kid)
