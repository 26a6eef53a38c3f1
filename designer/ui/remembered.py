"""What the app remembers between runs (QSettings): the window's geometry and dock layout, the folder
each kind of file dialog was last used in, and how Open Recent names its entries.

Kinds of folders: ``networks`` (Open, Save As), ``exports`` (File ▸ Export), ``data`` (CSV points),
``exercises`` (Open Exercise), ``work`` (where a network or answers file
was last opened or saved, in any way). A folder that no longer exists is forgotten quietly.
"""

from __future__ import annotations

import hashlib
import os
import urllib.parse
from pathlib import Path, PurePath

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from designer.ui.identity import documents_folder, settings
from designer.ui.settings_values import read_bytes, read_text

#: bump when docks or toolbars change so much that an old layout would not fit (it is then ignored)
LAYOUT_VERSION = 1
GEOMETRY_KEY, STATE_KEY, CHECK_KEY = "window/geometry", "window/state", "window/check"


def use_settings_folder(folder: Path) -> None:
    """Keep every setting in ``folder`` instead of the user's (screenshot scripts: a clean, fixed start)."""
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))


#: how a stored path that is not UTF-8 begins (then its bytes follow, escaped like a URL)
BYTES_PREFIX = "bytes:"


# ------------------------------------------------------------------- paths
def path_to_store(path: str) -> str:
    """``path`` as the settings can keep it. A name that is not UTF-8 (``\\xff.json``, a Latin-1 name on
    Linux) reaches Python with lone surrogates, which Qt drops: it came back as ``.json``, another file,
    and Open Recent opened that one. Such a name is kept as ``bytes:`` and its bytes escaped like a URL;
    any other as it is (an absolute path never begins with ``bytes:``)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        return BYTES_PREFIX + urllib.parse.quote_from_bytes(os.fsencode(path), safe="/")
    except UnicodeError:  # (no bytes for it on this system: kept as Qt keeps it)
        return path


def path_from_store(text: str) -> str:
    """The path :func:`path_to_store` kept as ``text``."""
    if not text.startswith(BYTES_PREFIX):
        return text
    return os.fsdecode(urllib.parse.unquote_to_bytes(text[len(BYTES_PREFIX) :]))


# ------------------------------------------------------------------ window
def save_window(window: QMainWindow, geometry: QByteArray | None = None, state: QByteArray | None = None) -> None:
    """Geometry (size, position, maximised) and the docks' and toolbars' layout: the window's own, or
    the ones given (what presenting or a lesson will put back; ``state`` saved with LAYOUT_VERSION),
    with their check (:func:`layout_check`)."""
    geometry = window.saveGeometry() if geometry is None else geometry
    state = window.saveState(LAYOUT_VERSION) if state is None else state
    store = settings()
    store.setValue(GEOMETRY_KEY, geometry)
    store.setValue(STATE_KEY, state)
    store.setValue(CHECK_KEY, layout_check(geometry, state))


def layout_check(geometry: QByteArray, state: QByteArray) -> str:
    """A digest of the layout as the app saved it. Qt's ``restoreState`` trusts its bytes: a dock area's
    number edited in the settings file (3 made 16,777,215) made it write out of bounds, and the app
    crashed (SIGSEGV) at every start. A layout whose bytes are not the ones saved is not given to Qt."""
    data = bytes(geometry.data())
    return hashlib.sha256(len(data).to_bytes(8, "big") + data + bytes(state.data())).hexdigest()


def _saved_layout() -> tuple[QByteArray, QByteArray] | None:
    """The geometry and dock layout :func:`save_window` stored, if their check holds; else None (never
    saved, damaged, edited by hand, or saved by a version without the check: the default layout)."""
    geometry, state = read_bytes(GEOMETRY_KEY), read_bytes(STATE_KEY)
    if geometry is None or state is None or read_text(CHECK_KEY) != layout_check(geometry, state):
        return None
    return geometry, state


def restore_geometry(window: QMainWindow) -> bool:
    """Put back the size and position :func:`save_window` stored (before the window is shown);
    False when there was nothing usable, and then :func:`restore_layout` has nothing to do either."""
    saved = _saved_layout()
    return saved is not None and window.restoreGeometry(saved[0])


def restore_layout(window: QMainWindow) -> None:
    """Put back the docks and toolbars :func:`save_window` stored. Call it when the window is first
    shown: restored before that, Qt leaves the tab bar of a tabbed dock group stray at (0, 0)."""
    saved = _saved_layout()
    if saved is not None:
        window.restoreState(saved[1], LAYOUT_VERSION)  # an older layout version is skipped: the default docks stay


# ----------------------------------------------------------------- folders
def last_folder(kind: str, fallback: Path | None = None) -> Path:
    """The folder a ``kind`` dialog was last used in (if it still exists), else ``fallback``, else the
    user's documents folder."""
    value = path_from_store(read_text(f"folders/{kind}"))
    if value and os.path.isdir(value):  # not Path.is_dir: it raises for a name too long or unreadable
        return Path(value)
    if fallback is not None and os.path.isdir(fallback):
        return fallback
    return documents_folder()


def remember_folder(kind: str, chosen: Path) -> None:
    """Remember the folder of a file the user chose in a ``kind`` dialog."""
    settings().setValue(f"folders/{kind}", path_to_store(str(chosen.parent)))


def remember_work(path: Path) -> None:
    """A network or answers file was just opened or saved (a dialog, Open Recent, a drop, the command line):
    Save answers… starts in its folder (the homework's, not the documents folder)."""
    settings().setValue("folders/work", path_to_store(os.path.dirname(os.path.abspath(path))))


def with_suffix(chosen: str, suffix: str) -> Path:
    """The file a save dialog's answer names, ending in ``suffix`` (a name typed without it gets it:
    ``alice`` was saved as it was, and the grader, which reads ``*.json``, skipped it). Something that
    is there already and is not a folder keeps its name: ``/dev/stdout`` is written to as such, not
    made into a new file ``/dev/stdout.json`` (which root could create in /dev)."""
    if chosen.lower().endswith(suffix) or (os.path.lexists(chosen) and not os.path.isdir(chosen)):
        return Path(chosen)
    return Path(chosen + suffix)


# ------------------------------------------------------------------ recent
def recent_labels(paths: list[str]) -> list[str]:
    """Menu labels for recent files: the file name, with as many parent folders as it takes to tell
    files of the same name apart (``lecture/xor.json`` and ``exam/xor.json``)."""
    parts = [PurePath(p).parts for p in paths]
    labels = []
    for i, own in enumerate(parts):
        depth = 1
        while depth < len(own) and any(
            j != i and other[-depth:] == own[-depth:] for j, other in enumerate(parts) if len(other) >= depth
        ):
            depth += 1
        tail = own[-depth:]
        labels.append(str(PurePath(*tail)) if depth < len(own) else str(PurePath(*own)))
    return labels
