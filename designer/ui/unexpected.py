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
        if self.showing:
            return
        self.showing = True
        try:
            what = clean_text(f"{kind.__name__}: {value}") if str(value) else kind.__name__
            where = f"The details are in {self.log}." if logged else "The details could not be written down."
            plain_message(
                self.window,
                "critical",
                "Something went wrong",
                f"NN Designer ran into an error it did not expect: {what[:300]}",
                f"What you were doing may not have happened. Your work is still open: save it (File ▸ Save As) "
                f"to be safe. {where} Please report it with those details.",
            )
        finally:
            self.showing = False

    def _write_log(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> bool:
        """Append the traceback (the log keeps its last MAX_LOG_BYTES); False when it cannot be written."""
        entry = f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{''.join(traceback.format_exception(kind, value, tb))}"
        try:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            old = self.log.read_bytes()[-MAX_LOG_BYTES:] if self.log.is_file() else b""
            self.log.write_bytes(old + entry.encode("utf-8", "replace"))
        except OSError:
            return False
        return True
