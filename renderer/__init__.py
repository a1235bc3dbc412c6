"""statement-renderer: one Markdown statement in, an accessible release bundle out."""

__version__ = "0.1.0"

from .pipeline import BuildResult, available_formats, build  # noqa: E402
from .diagnostics import Diagnostic, SourceError  # noqa: E402
from .source import read_statement  # noqa: E402

__all__ = ["build", "BuildResult", "available_formats", "read_statement", "SourceError", "Diagnostic", "__version__"]
