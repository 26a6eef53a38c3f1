"""Ctrl+C in the terminal, ``kill`` and a logging-out session close the app like File ▸ Quit.

Python runs signal handlers only between bytecodes, and while Qt's event loop waits nothing
runs Python: a plain handler would wait for the next mouse move. So the handler is a no-op and
``signal.set_wakeup_fd`` writes each signal's number to a socket pair that a QSocketNotifier
watches; the event loop wakes at once and the quit happens there, between events, never in the
middle of an edit or a training step.

The first request closes the main window as *Quit* does (asking about unsaved changes). A second
one while that question (or any other modal dialog) is open does not wait for an answer: the
unsaved work goes to the recovery file, offered back at the next start, and the app exits.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication, QWidget

#: SIGTERM: kill, systemd, CI; SIGINT: Ctrl+C; SIGHUP (POSIX only): the terminal was closed.
SIGNAL_NAMES = ("SIGINT", "SIGTERM", "SIGHUP")


class QuitOnSignal(QObject):
    """While installed, the signals in :data:`SIGNAL_NAMES` close ``window``; :meth:`uninstall` restores."""

    def __init__(self, window: QWidget, keep_unsaved_work: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.keep_unsaved_work = keep_unsaved_work
        self.received: list[int] = []
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._wake)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous: dict[int, object] = {}
        for name in SIGNAL_NAMES:
            number = getattr(signal, name, None)
            if number is not None:
                self._previous[number] = signal.signal(number, _ignore_here)

    def uninstall(self) -> None:
        """Give the signals back to their previous handlers (the default ones, for a plain start)."""
        for number, handler in self._previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)  # None: set outside Python
        self._previous.clear()
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

    def _wake(self) -> None:
        try:
            numbers = list(self._reader.recv(64))
        except OSError:  # nothing there after all (spurious wake-up)
            return
        for number in numbers:
            if number in self._previous:
                self.received.append(number)
                self._request_quit()

    def _request_quit(self) -> None:
        if QApplication.activeModalWidget() is not None or len(self.received) > 1:
            self.keep_unsaved_work()
            QApplication.exit(0)  # leaves the dialog's loop and the main loop
            return
        self.window.close()


def _ignore_here(signum: int, frame: object) -> None:
    """The real work happens in the event loop (see the module docstring)."""
