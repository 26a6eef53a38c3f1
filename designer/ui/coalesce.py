"""Work asked for many times a second, done a few times a second (labels and colours while training runs)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Coalesced(QTimer):
    """Runs ``slot`` once, ``ms`` after the first of a burst of :meth:`request` calls; ``stop`` drops it."""

    def __init__(self, parent: QObject, ms: int, slot: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setSingleShot(True)
        self.setInterval(ms)
        self.timeout.connect(slot)

    def request(self) -> None:
        if not self.isActive():
            self.start()
