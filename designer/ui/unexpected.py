"""An error the app did not expect (a bug) while it runs: one line in a dialog, the traceback in a log
file, and the app goes on.

Without this, an exception in a slot was printed to a terminal the user of a desktop launcher never
sees: a click did nothing, with no word why. Installed by ``app.run`` only (tests keep pytest-qt's
own handling, which fails the test).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QWidget

from designer.formatting import clean_text
from designer.ui.safetext import plain_message

LOG_NAME = "errors.log"
MAX_LOG_BYTES = 1_000_000  # the log keeps its last megabyte: a loop of errors cannot fill the disk
_O_NOFOLLOW, _O_NONBLOCK, _O_CLOEXEC = (getattr(os, name, 0) for name in ("O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC"))


class UnexpectedErrors:
    """The app's ``sys.excepthook`` while ``window`` is open."""

    def __init__(self, window: QWidget, folder: Path) -> None:
        self.window = window
        self.log = folder / LOG_NAME
        self.showing = False  # one dialog at a time: errors while it is open are only logged
        self.shown: set[str] = set()  # each error is shown once a run (a paint that fails would come back at once)
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, value, tb)
            return
        logged = self._write_log(kind, value, tb)
        what = _one_line(kind, value)
        if self.showing or what in self.shown:  # the same error again (a paint that fails each time): logged only
            return
        self.shown.add(what)
        self.showing = True
        try:
            where = (
                f"The details are in {self.log}: please report the problem with that file."
                if logged
                else "Please report the problem with the line above (the details could not be written to a file)."
            )
            plain_message(
                self.window,
                "critical",
                "Something went wrong",
                f"NN Designer ran into an error it did not expect: {what}",
                f"What you were doing may not have happened. Your work is still open: save it (File ▸ Save As) "
                f"to be safe. {where}",
            )
        finally:
            self.showing = False

    def _write_log(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> bool:
        """Append the traceback (the log keeps its last MAX_LOG_BYTES); False when it cannot be written."""
        try:
            details = "".join(traceback.format_exception(kind, value, tb))
        except Exception:  # an exception whose own str() fails: its type is still worth writing
            details = f"{kind.__name__} (its message could not be read)\n"
        entry = f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{details}".encode("utf-8", "replace")
        try:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            _append_to_log(self.log, entry)
        except OSError:
            return False
        return True


def _append_to_log(log: Path, entry: bytes) -> None:
    """Append ``entry`` to ``log``, keeping its last MAX_LOG_BYTES before it; OSError when ``log`` is not a
    regular file of this user's (a link or a hard link, a FIFO, a device, another user's file in a shared folder).

    The log is opened without following a link (a link named errors.log made the log's trimming cut
    the file it pointed to to its last megabyte); only its tail is read, and a trimmed log replaces the
    old one by name (a new file moved over it), so a file that is linked to is never cut."""
    try:
        named = os.lstat(log)
    except FileNotFoundError:
        pass
    else:  # not even opened when it is no regular file: opening a device can do things of its own
        if not stat.S_ISREG(named.st_mode):
            raise OSError(errno.EPERM, "the log is not a regular file", str(log))
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC
    fd = os.open(log, flags, 0o600)  # NOFOLLOW: a link is refused (ELOOP); NONBLOCK: a FIFO cannot stall
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1 or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            raise OSError(errno.EPERM, "not a log file of this user's", str(log))
        if st.st_size + len(entry) <= MAX_LOG_BYTES:
            _write_all(fd, entry)
            return
        os.lseek(fd, max(0, st.st_size - MAX_LOG_BYTES), os.SEEK_SET)
        tail = _read_all(fd, MAX_LOG_BYTES)
    finally:
        os.close(fd)
    _replace_log(log, tail + entry)


def _replace_log(log: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``log`` and move it over ``log`` (the name, never a target)."""
    fd, temp = tempfile.mkstemp(prefix=".errors-", suffix=".tmp", dir=log.parent)
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(temp, log)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_all(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _one_line(kind: type[BaseException], value: BaseException) -> str:
    """``Type: message`` on one line (cut to 300 characters); the type alone when the message is empty or
    cannot be read."""
    try:
        message = str(value)
    except Exception:  # a broken __str__ must not stop the report of the error itself
        message = ""
    return clean_text(f"{kind.__name__}: {message}")[:300] if message else kind.__name__
