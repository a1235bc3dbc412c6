"""statement-renderer: one Markdown statement in, an accessible release bundle out."""

import os

__version__ = "0.1.0"

# ONNX Runtime (under Piper, the default voice) sends usage events to Microsoft from 1.32 on.
# A build must reach no network, so its uploader is switched off before anything can load it:
# set later (just before Piper loads), the switch was seen not to hold.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

from .pipeline import BuildResult, available_formats, build  # noqa: E402
from .diagnostics import Diagnostic, SourceError  # noqa: E402
from .source import read_statement  # noqa: E402

__all__ = ["build", "BuildResult", "available_formats", "read_statement", "SourceError", "Diagnostic", "__version__"]
