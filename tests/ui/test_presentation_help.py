"""The ? help while presenting names every key the presentation handles, as docs/presentation.md does:
it had left out H, Z, P and ↑/↓ (and W before them), because the help, the handlers and the docs were
three lists."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

K = Qt.Key
DOCS = Path(__file__).resolve().parents[2] / "docs" / "presentation.md"


def docs_key_cells() -> set[str]:
    """The first column of the "Keys while presenting" table."""
    section = DOCS.read_text(encoding="utf-8").split("## Keys while presenting", 1)[1]
    rows = re.findall(r"^\| (.+?) \| .+ \|$", section.split("\n\n", 2)[1], flags=re.MULTILINE)
    return {cell for cell in rows if cell not in ("key", "---")}


def present(qtbot, w) -> None:
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    qtbot.keyClick(w, K.Key_F5)
    assert w.presentation.active
    w.view.setFocus()


def test_question_mark_shows_every_key_the_presentation_handles(qtbot, xor_window):
    w = xor_window
    present(qtbot, w)
    caption = w.presentation.stage.caption
    caption.hide()
    qtbot.keyClick(w.view, K.Key_Question)
    assert caption.isVisible()
    shown = caption.text()
    for words in ("H hint", "Z fit", "P pointer", "↑ / ↓ learning rate", "W weights"):
        assert words in shown, (words, shown)
    demo = w.presentation.keys
    handled = {(key, False) for key in demo.plain} | {(key, True) for key in demo.ctrl}
    for key, ctrl in handled:  # each handled key is on a row the help shows
        rows = [row for row in demo.table if key in row.handlers and row.ctrl == ctrl]
        assert len(rows) == 1, QKeySequence(key).toString()
        assert rows[0].help in shown, rows[0].help


def test_the_docs_table_names_the_same_keys_as_the_help(qtbot, xor_window):
    labels = {row.label for row in xor_window.presentation.keys.table}
    assert docs_key_cells() == labels
