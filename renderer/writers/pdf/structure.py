"""Close the gaps in WeasyPrint's PDF structure tree, on the finished file, with pikepdf.

WeasyPrint (70) tags each page on its own, so an element that crosses a page
becomes two (two Tables, two BlockQuotes, one Part per page); it writes page
headers and footers as marked content that no structure element owns (neither
tagged nor an artifact); `th scope` gives no /Scope; `lang` on an inner element
gives no /Lang; and wrappers (figure, header, inline elements) become NonStruct.

To mend this we need to know which HTML element each structure element came
from. `compat.weasyprint.recording_elements()` wraps WeasyPrint's tree builder
while a PDF is written and stamps each structure element with a private key
naming its HTML element; `repair()` then:

1. turns the orphaned page header/footer content into pagination artifacts;
2. merges the pieces of an element split across pages back into one;
3. gives structure elements the roles, /Lang and /Scope their HTML asks for;
4. dissolves NonStruct wrappers into their parents;
5. writes title, subject, keywords, dates and language into the info
   dictionary and the XMP metadata, and removes the private keys.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name

from ...compat.weasyprint import KEY_NAME
from .tree import is_element, kids_of, walk

KEY = Name("/" + KEY_NAME)
HTML_NS = "{http://www.w3.org/1999/xhtml}"


def repair(data: bytes, elements: dict[int, object], title: str, created: str) -> bytes:
    pdf = pikepdf.open(io.BytesIO(data))
    tree = pdf.Root.StructTreeRoot
    document = tree.K[0]
    replaced: dict[tuple[int, int], Dictionary] = {}

    _mark_orphans_as_artifacts(pdf, document)
    _apply_html_semantics(document, elements, pdf.Root.get("/Lang"))
    _merge_split_elements(document, replaced)
    _dissolve_nonstruct(document, replaced)
    _add_list_bodies(pdf, document)
    _update_parent_tree(tree, replaced)
    _remove_keys(document)
    _write_metadata(pdf, title, created)

    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _adopt(new_parent: Dictionary, kids: list, old_owner: Dictionary) -> list:
    """Kids moved to new_parent: structure elements get their new /P; bare MCIDs, which belong
    to the old owner's page, become marked-content references naming that page."""
    adopted = []
    for kid in kids:
        if is_element(kid):
            kid.P = new_parent
            adopted.append(kid)
        elif isinstance(kid, int):
            adopted.append(Dictionary(Type=Name.MCR, Pg=old_owner.Pg, MCID=int(kid)))
        else:
            adopted.append(kid)
    return adopted


# --- 1. page headers and footers ----------------------------------------------------


def _mark_orphans_as_artifacts(pdf: pikepdf.Pdf, document: Dictionary) -> None:
    reachable = {el.objgen for el in walk(document)}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    for index in range(0, len(nums), 2):
        page_number, owners = int(nums[index]), nums[index + 1]
        if not isinstance(owners, Array):
            continue
        orphans = {mcid for mcid, owner in enumerate(owners) if owner is not None and owner.objgen not in reachable}
        if not orphans:
            continue
        page = pdf.pages[page_number]
        operations = pikepdf.parse_content_stream(page)
        for i, (operands, operator) in enumerate(operations):
            if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary) \
                    and int(operands[1].get("/MCID", -1)) in orphans:
                operations[i] = pikepdf.ContentStreamInstruction(
                    [Name.Artifact, Dictionary(Type=Name.Pagination)], pikepdf.Operator("BDC"))
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))
        for mcid in orphans:
            owners[mcid] = None


# --- 2. elements split across pages ---------------------------------------------------


def _merge_split_elements(element: Dictionary, replaced: dict) -> None:
    merged: list = []
    first_piece: dict[int, Dictionary] = {}
    for kid in kids_of(element):
        key = int(kid[KEY]) if is_element(kid) and KEY in kid else None
        if key is not None and key in first_piece:
            survivor = first_piece[key]
            survivor.K = Array(_adopt_all(survivor) + _adopt(survivor, kids_of(kid), kid))
            replaced[kid.objgen] = survivor
            continue
        if key is not None:
            first_piece[key] = kid
        merged.append(kid)
    if "/K" in element:
        element.K = Array(merged)
    for kid in merged:
        if is_element(kid):
            _merge_split_elements(kid, replaced)


def _adopt_all(element: Dictionary) -> list:
    """An element's own kids, with bare MCIDs made explicit before kids from other pages join them."""
    return _adopt(element, kids_of(element), element)


# --- 3. roles, languages and header scopes from the HTML -------------------------------


def _apply_html_semantics(document: Dictionary, elements: dict[int, object], document_language) -> None:
    for struct in walk(document):
        if KEY not in struct:
            continue
        parent = struct.get("/P")
        if is_element(parent) and KEY in parent and int(parent[KEY]) == int(struct[KEY]):
            continue  # an anonymous box inside the same HTML element: the outer one carries its meaning
        html = elements.get(int(struct[KEY]))
        if html is None:
            continue
        tag = html.tag.removeprefix(HTML_NS)
        classes = (html.get("class") or "").split()
        language = html.get("lang")
        if language and str(language) != str(document_language or ""):
            struct.Lang = pikepdf.String(language)
        if tag == "figure":
            struct.S = Name.Div
        elif tag == "figcaption" and "attribution" in classes:
            struct.S = Name.P  # a quote's attribution is a paragraph, not a table or figure caption
        elif tag == "th":
            attributes = struct.get("/A") or Dictionary(O=Name.Table)
            attributes.Scope = Name.Row if html.get("scope") == "row" else Name.Column
            struct.A = attributes


# --- 4. NonStruct wrappers ---------------------------------------------------------------


def _dissolve_nonstruct(element: Dictionary, replaced: dict) -> None:
    kids: list = []
    for kid in kids_of(element):
        if is_element(kid) and kid.S == Name.NonStruct:
            _dissolve_nonstruct(kid, replaced)
            kids += _adopt(element, kids_of(kid), kid)
            replaced[kid.objgen] = element
        else:
            if is_element(kid):
                _dissolve_nonstruct(kid, replaced)
            kids.append(kid)
    if "/K" in element:
        element.K = Array(kids)


def _add_list_bodies(pdf: pikepdf.Pdf, document: Dictionary) -> None:
    """WeasyPrint puts a tight list item's text inside its Lbl (the marker shares the line):
    keep the marker in Lbl and give the item's content an LBody, as PDF lists require."""
    for item in [el for el in walk(document) if el.S == Name.LI]:
        kids = kids_of(item)
        if any(is_element(k) and k.S == Name.LBody for k in kids):
            continue
        label = next((k for k in kids if is_element(k) and k.S == Name.Lbl), None)
        body_kids = [k for k in kids if k is not label]
        if label is not None and len(kids_of(label)) > 1:
            label_kids = kids_of(label)
            label.K = Array(label_kids[:1])
            body_kids = label_kids[1:] + body_kids
        if not body_kids:
            continue
        body = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.LBody, P=item, Pg=item.Pg, K=Array()))
        body.K = Array(_adopt(body, body_kids, item))
        item.K = Array([label, body] if label is not None else [body])


# --- 5. parent tree, keys and metadata ---------------------------------------------------------


def _update_parent_tree(tree: Dictionary, replaced: dict) -> None:
    def final(owner):
        while owner is not None and hasattr(owner, "objgen") and owner.objgen in replaced:
            owner = replaced[owner.objgen]
        return owner

    nums = tree.ParentTree.Nums
    for index in range(1, len(nums), 2):
        entry = nums[index]
        if isinstance(entry, Array):
            for mcid in range(len(entry)):
                if entry[mcid] is not None and is_element(entry[mcid]):
                    entry[mcid] = final(entry[mcid])
        elif is_element(entry):
            nums[index] = final(entry)


def _remove_keys(document: Dictionary) -> None:
    for struct in walk(document):
        if KEY in struct:
            del struct[KEY]


def _write_metadata(pdf: pikepdf.Pdf, title: str, created: str) -> None:
    date = "D:" + created.replace("-", "") + "000000Z"
    pdf.docinfo[Name.Title] = title
    pdf.docinfo[Name.CreationDate] = date
    pdf.docinfo[Name.ModDate] = date
    language = str(pdf.Root.get("/Lang", ""))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp.load_from_docinfo(pdf.docinfo, raise_failure=False)
        if language:
            xmp["dc:language"] = [language]
