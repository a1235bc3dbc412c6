"""Every patch of a third-party library's private API, in one place.

Each module here names the version it was written for and checks it with
`require_version` before touching anything, so an upgrade fails loudly, with a
message saying what to re-check, instead of silently producing wrong files.
Each has one focused test in tests/unit/test_compat.py.
"""

from __future__ import annotations

from importlib.metadata import version


class IncompatibleLibrary(RuntimeError):
    """A library's version is not one its patch here was written for."""


def require_version(distribution: str, prefix: str, patch: str) -> None:
    """Raise IncompatibleLibrary unless `distribution` is installed at a version starting with `prefix`."""
    installed = version(distribution)
    if not (installed == prefix or installed.startswith(prefix + ".")):
        raise IncompatibleLibrary(f"{patch} was written for {distribution} {prefix}.x, but {installed} is installed: "
                                  f"check renderer/compat/ against the new version and update the pin in pyproject.toml")
