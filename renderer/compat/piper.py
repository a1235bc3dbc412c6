"""Piper voices with ONNX Runtime sessions of one thread each, several at once.

`PiperVoice.load` gives a session that uses every core for each sentence; on this 2-core machine two
one-thread sessions, each reading its own sentences, synthesise the same speech in about 11 % less
time and CPU (benchmarks/speed.py), and leave a core free for the rest of the build between sentences.
Piper 1.x builds its voice as a dataclass of a config and a session; this module makes that session
itself (its constructor fields, not a private method), so it is checked against the version it was
written for.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import require_version


def single_threaded_voice(model: Path, config: Path):
    """A loaded Piper voice whose ONNX Runtime session runs on one thread."""
    require_version("piper-tts", "1", "renderer/compat/piper.py (a PiperVoice made with its own session)")
    import onnxruntime
    from piper.config import PiperConfig
    from piper.voice import ESPEAK_DATA_DIR, PiperVoice

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    return PiperVoice(config=PiperConfig.from_dict(json.loads(Path(config).read_text("utf-8"))), session=session,
                      espeak_data_dir=Path(ESPEAK_DATA_DIR), download_dir=Path.cwd())
