"""The statement model: what every reader produces and every edition and writer reads (like Pandoc's AST).

- `nodes`: the blocks and inline spans (immutable);
- `statement`: the statement, its metadata and the facts derived from its blocks;
- `visitor`: one way to walk the blocks (`BlockVisitor`, `walk_blocks`, `block_text`);
- `sentences`: each paragraph's sentences with their ids, shared by the speech script and the read-along text.
"""

from .nodes import (Attribution, Block, BlockQuote, Code, CodeBlock, Emphasis, Figure, Heading, Inline, LineBreak,
                    Link, ListBlock, ListItem, Paragraph, Passage, Span, Strong, Table, TableCell, Text, ThematicBreak,
                    lines_of, plain_text)
from .sentences import ReadAlong, Sentence, sentence_runs
from .statement import Contact, Metadata, OutlineEntry, Section, Statement, sections_of
from .visitor import BlockVisitor, block_text, children_of, links_in, walk_blocks, walk_inlines

__all__ = [
    "Attribution", "Block", "BlockQuote", "Code", "CodeBlock", "Emphasis", "Figure", "Heading", "Inline", "LineBreak",
    "Link", "ListBlock", "ListItem", "Paragraph", "Passage", "Span", "Strong", "Table", "TableCell", "Text",
    "ThematicBreak", "lines_of", "plain_text", "Contact", "Metadata", "OutlineEntry", "Section", "Statement", "sections_of",
    "BlockVisitor", "block_text", "children_of", "links_in", "walk_blocks", "walk_inlines", "ReadAlong", "Sentence",
    "sentence_runs",
]
