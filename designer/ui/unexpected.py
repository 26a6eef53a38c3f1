"""An error the app did not expect (a bug) while it runs: one line in a dialog, the traceback in a log
file, and the app goes on.

Without this, an exception in a slot was printed to a terminal the user of a desktop launcher never
sees: a click did nothing, with no word why. Installed by ``app.run`` only (tests keep pytest-qt's
own handling, which fails the test).
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QWidget

from designer.formatting import clean_text
from designer.ui.safetext import plain_message

LOG_NAME = "errors.log"
MAX_LOG_BYTES = 1_000_000  # the log keeps its last megabyte: a loop of errors cannot fill the disk


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
        entry = f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{details}"
        try:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            if self.log.exists() and not self.log.is_file():  # a FIFO or a device would block or never end
                return False
            old = self.log.read_bytes()[-MAX_LOG_BYTES:] if self.log.is_file() else b""
            self.log.write_bytes(old + entry.encode("utf-8", "replace"))
        except OSError:
            return False
        return True


def _one_line(kind: type[BaseException], value: BaseException) -> str:
    """``Type: message`` on one line (cut to 300 characters); the type alone when the message is empty or
    cannot be read."""
    try:
        message = str(value)
    except Exception:  # a broken __str__ must not stop the report of the error itself
        message = ""
    return clean_text(f"{kind.__name__}: {message}")[:300] if message else kind.__name__
