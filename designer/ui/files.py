"""Opening, saving, recent files and crash recovery for the main window.

Saves are atomic (the model's writer); a file that cannot be read gets a dialog with the
one-line reason and the open network stays untouched. Unsaved work is written to a
recovery file every 30 s; a recovery file found at start means the last session did not
end cleanly, and the user is offered to restore it.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from designer.model import FormatError, Network, dumps, load, loads
from designer.model.fileformat import atomic_write_text
from designer.ui.identity import documents_folder, settings
from designer.ui.undo import Document

AUTOSAVE_MS = 30_000
MAX_RECENT = 8
FILTER = "NN Designer networks (*.json);;All files (*)"


def recovery_path() -> Path:
    override = os.environ.get("NN_DESIGNER_RECOVERY")
    if override:
        return Path(override)
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation) or Path.home())
    return folder / "recovery.json"


class FileController:
    def __init__(self, window: QWidget, document: Document, report) -> None:  # noqa: ANN001
        self.window = window
        self.document = document
        self.report = report
        self.autosave = QTimer(window)
        self.autosave.setInterval(int(os.environ.get("NN_DESIGNER_AUTOSAVE_MS", AUTOSAVE_MS)))
        self.autosave.timeout.connect(self.write_recovery)
        self.autosave.start()

    # ----------------------------------------------------------------- open
    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        start = str(self.document.path.parent if self.document.path else documents_folder())
        path, _ = QFileDialog.getOpenFileName(self.window, "Open network", start, FILTER)
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Load ``path``; on failure show the reason and keep the current network."""
        try:
            network = load(path)
        except FormatError as exc:
            QMessageBox.warning(self.window, "Cannot open file", f"{path.name}: {exc}")
            self.report(f"Not opened: {path.name}: {exc}")
            return False
        self.document.replace(network, path=path)
        self.add_recent(path)
        self.report(f"Opened {path}")
        return True

    # ----------------------------------------------------------------- save
    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        suggested = self.document.path or documents_folder() / f"{self.document.network.name or 'network'}.json"
        path, _ = QFileDialog.getSaveFileName(self.window, "Save network as", str(suggested), FILTER)
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".json"
        return self._write(Path(path))

    def _write(self, path: Path) -> bool:
        self.document.commit_live()  # a training run in progress is saved as far as it got
        try:
            atomic_write_text(path, dumps(self.document.network))
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self.window, "Cannot save", f"{path.name}: {exc}")
            return False
        self.document.undo_stack.setClean()
        self.document.path = path
        self.document.path_changed.emit()
        self.add_recent(path)
        self.report(f"Saved {path}")
        return True

    def confirm_discard(self) -> bool:
        """Ask before losing unsaved changes; True if it is fine to go on."""
        self.document.commit_live()
        if not self.document.modified:
            return True
        answer = QMessageBox.question(
            self.window,
            "Unsaved changes",
            "Save the changes to this network first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --------------------------------------------------------------- recent
    def recent(self) -> list[str]:
        value = settings().value("recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [p for p in items if Path(p).exists()][:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        path_text = str(path.resolve())
        items = [p for p in self.recent() if p != path_text]
        settings().setValue("recent", [path_text, *items][:MAX_RECENT])

    # ------------------------------------------------------------- recovery
    def write_recovery(self) -> None:
        """Keep unsaved work safe; a clean document needs no recovery file."""
        path = recovery_path()
        self.document.commit_live()
        if not self.document.modified:
            self.clear_recovery()
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, dumps(self.document.network))
        except (OSError, ValueError):
            pass  # recovery is best effort; the user's own files are untouched

    def clear_recovery(self) -> None:
        try:
            recovery_path().unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass

    def pending_recovery(self) -> Network | None:
        """The network left by a session that did not end cleanly, if readable."""
        path = recovery_path()
        if not path.exists():
            return None
        try:
            return loads(path.read_bytes())
        except (FormatError, OSError):
            return None
