"""The settings file looked at before Qt reads it: Qt reads whatever is there, to the end.

A FIFO (or a link to one, or to ``/dev/zero``) in place of ``~/.config/NN Designer/NN Designer.conf``
kept the app from starting: ``QSettings`` waited for a writer, or read without end, before the first
window; so did a FIFO (or such a link) as its lock ``NN Designer.conf.lock``, which QSettings reads to see
whose it is. :func:`guard_settings` finds the files Qt would read (the user's and the system's, with their
organisation-wide fallbacks) and, when one of them is no regular file or is larger than any settings
file the app writes, points Qt's settings at an empty folder of their own for this run and says why.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from designer.model.safefile import kind_problem, shown_path
from designer.ui.identity import APPLICATION, ORGANIZATION

#: Far more than the app writes (window layouts, a few paths and presets): a larger file is not its own.
MAX_SETTINGS_BYTES = 16 << 20
_FORMATS = (QSettings.Format.NativeFormat, QSettings.Format.IniFormat)
_SCOPES = (QSettings.Scope.UserScope, QSettings.Scope.SystemScope)


def settings_files() -> list[Path]:
    """The files Qt reads for the app's settings and its file dialogs' (``QtProject.conf``), where settings
    are files (Linux; not the registry of Windows or the plists of macOS): found through a settings object
    of a name no file has."""
    probe_name = f"nn-designer-probe-{secrets.token_hex(6)}"
    files = []
    for scope in _SCOPES:
        probe = Path(QSettings(QSettings.Format.NativeFormat, scope, probe_name, "probe").fileName())
        if probe.suffix != ".conf":
            continue
        folder = probe.parent.parent
        files += [folder / ORGANIZATION / f"{APPLICATION}.conf", folder / f"{ORGANIZATION}.conf"]
        files.append(folder / "QtProject.conf")  # Qt's own file dialog keeps its state there (File ▸ Open hung)
    return files


def settings_problem(path: Path) -> str:
    """Why Qt must not read ``path`` or its lock file ("" when it may, or when nothing is there)."""
    return _file_problem(path) or _file_problem(path.with_name(f"{path.name}.lock"))


def _file_problem(path: Path) -> str:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return ""
    except (OSError, ValueError) as exc:
        return f"{shown_path(path)}: {exc.strerror if isinstance(exc, OSError) else exc}"
    problem = kind_problem(st.st_mode)
    if problem is not None and not stat.S_ISDIR(st.st_mode):  # (a folder there is only not read)
        return f"{shown_path(path)} is {problem}"
    if stat.S_ISREG(st.st_mode) and st.st_size > MAX_SETTINGS_BYTES:
        return f"{shown_path(path)} is {st.st_size:,} bytes (a settings file is far smaller)"
    return ""


def guard_settings() -> str:
    """Before the app's first setting is read: "" when its settings files may be read, else why not,
    with Qt's settings moved to a fresh folder for this run (nothing read, nothing kept)."""
    for path in settings_files():
        problem = settings_problem(path)
        if problem:
            for scope in _SCOPES:  # a folder each: what this run writes is no system-wide default
                folder = tempfile.mkdtemp(prefix="nn-designer-settings-")
                for kind in _FORMATS:
                    QSettings.setPath(kind, scope, folder)
            return problem
    return ""
