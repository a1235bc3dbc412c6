"""ONNX Runtime (under Piper, the default voice) sends usage events to Microsoft from 1.32 on.

A build must reach no network, so its uploader is switched off before anything
can load ONNX Runtime: `renderer/__init__.py` calls this on import. Set later
(just before Piper loads) the switch was seen not to hold. This is a documented
environment variable, not a private API, so it is not tied to a version.
"""

from __future__ import annotations

import os

TELEMETRY_SWITCH = "ORT_DISABLE_TELEMETRY"


def disable_telemetry() -> None:
    os.environ[TELEMETRY_SWITCH] = "1"
