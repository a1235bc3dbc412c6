"""statement-renderer: one source statement in, an accessible release bundle out.

The flow (see ARCHITECTURE.md): readers → model → editions → writers → checks → bundle,
run by `build.build()`, which the CLI (and any other front end) calls.
"""

from .compat.onnxruntime import disable_telemetry

__version__ = "0.1.0"

# ONNX Runtime (under Piper) would send usage events; it is switched off before anything can load it.
disable_telemetry()

from .pipeline import BuildResult, available_formats, build  # noqa: E402
from .diagnostics import Diagnostic, SourceError  # noqa: E402
from .readers import read_statement  # noqa: E402
from .writers import BuildOptions  # noqa: E402

__all__ = ["build", "BuildOptions", "BuildResult", "available_formats", "read_statement", "SourceError", "Diagnostic",
           "__version__"]
