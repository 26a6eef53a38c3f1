"""Shipped data (examples, exercises, lessons, schemas, the Getting Started page) lives in this package
and is found through ``importlib.resources``, so an installed wheel finds it wherever it was installed
and from any working folder.

A file that should be here and is not means a damaged installation: :class:`InstallationError`
names the file and the package in one line instead of a bare "no such file".
"""

from __future__ import annotations

import atexit
import contextlib
from importlib import resources
from pathlib import Path

from designer.model.jsonread import FormatError

PACKAGE = "designer.resources"


class InstallationError(FormatError):
    """A shipped file is missing or unreadable: the installation is damaged (one line)."""


def _root() -> Path:
    """The package folder as a real path (extracted once if the package sits in a zip file)."""
    traversable = resources.files(PACKAGE)
    if isinstance(traversable, Path):
        return traversable
    stack = contextlib.ExitStack()  # zip installs: extract for the life of the process
    atexit.register(stack.close)
    return Path(stack.enter_context(resources.as_file(traversable)))


ROOT = _root()
EXAMPLES = ROOT / "examples"
EXERCISES = ROOT / "exercises"
LESSONS = ROOT / "lessons"


def damaged(relative: str, problem: str = "is missing") -> InstallationError:
    """The one-line error for a shipped file that is missing or cannot be read."""
    return InstallationError(
        f"NN Designer's installation is damaged: '{relative}' in the package {PACKAGE} ({ROOT}) {problem}; "
        "reinstall nn-designer"
    )


def resource_file(*parts: str) -> Path:
    """The path of a shipped file; raises InstallationError if it is not there."""
    path = ROOT.joinpath(*parts)
    if not path.is_file():
        raise damaged("/".join(parts))
    return path


def resource_files(folder: str, pattern: str = "*.json") -> list[Path]:
    """The shipped files of one folder, sorted; raises InstallationError if there are none."""
    directory = ROOT / folder
    found = sorted(directory.glob(pattern)) if directory.is_dir() else []
    if not found:
        raise damaged(f"{folder}/{pattern}")
    return found
