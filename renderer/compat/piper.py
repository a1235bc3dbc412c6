"""Piper voices with ONNX Runtime sessions of one thread each, several at once.

`PiperVoice.load` gives a session that uses every core for each sentence; on this 2-core machine two
one-thread sessions, each reading its own sentences, synthesise the same speech in about 11 % less
time and CPU (benchmarks/speed.py), and leave a core free for the rest of the build between sentences.
Piper 1.x builds its voice as a dataclass of a config and a session; this module makes that session
itself (its constructor fields, not a private method), so it is checked against the version it was
written for. Piper calls the session's `run(None, feeds)` with the sentence's phoneme ids as `feeds["input"]`;
`_ArenaKeptSmall` relies on that.
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
    return PiperVoice(config=PiperConfig.from_dict(json.loads(Path(config).read_text("utf-8"))),
                      session=_ArenaKeptSmall(session, onnxruntime),
                      espeak_data_dir=Path(ESPEAK_DATA_DIR), download_dir=Path.cwd())


LONG_INPUT = 250  # phoneme ids (about 25 words, 6 seconds of speech)


class _ArenaKeptSmall:
    """A session that gives back the memory a long sentence took once a short one follows.

    ONNX Runtime's memory arena keeps the largest working set a session has needed (with this voice about
    22 MB a second of speech: a 41-word sentence leaves ~180 MB in each session, for the rest of the process).
    Shrinking the arena after every sentence costs 5-10 % of synthesis time (each sentence faults its memory
    in again); shrinking it once, on the first short sentence after long ones (synthesis reads the longest
    first), keeps each session at what a short sentence needs for the cost of one such fault."""

    def __init__(self, session, onnxruntime):
        self.session = session
        self.shrinking = onnxruntime.RunOptions()
        self.shrinking.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        self.holds_long = False  # the arena holds what a long sentence needed

    def run(self, output_names, feeds):
        long = feeds["input"].shape[-1] > LONG_INPUT
        options = self.shrinking if self.holds_long and not long else None
        self.holds_long = long
        return self.session.run(output_names, feeds, run_options=options)

    def __getattr__(self, name):  # the rest of the session as it is (its inputs, outputs, providers)
        return getattr(self.session, name)
