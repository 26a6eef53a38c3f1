"""Text from files is text (designer/ui/safetext.py), and the GUI's files: open, paste, save, autosave, recovery.

- Dialogs show file-supplied text as plain text: an invalid file whose id is ``<img src="/dev/zero">``
  gets its one-line reason in a plain-text dialog and the open network stays as it was.
- Edit ▸ Paste reads the clipboard like File ▸ Open: NaN biases, unpaired surrogates, deep nesting
  and duplicate keys are refused with one line; nothing that could not be saved again gets in.
- A failed save or autosave is shown at once; recovery data is per window and never another's;
  an unreadable recovery file is reported and kept aside.
"""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from designer.model import SetNetworkField, dumps, load
from designer.model.clipboard import MIME_TYPE
from designer.ui import safetext
from tests.conftest import EXAMPLES, ROOT
from tests.data.hostile.make_corpus import MARKUP
from tests.reliability.helpers import CASES, check_one_line

CORPUS = ROOT / "tests" / "data" / "hostile"
PLAIN = Qt.TextFormat.PlainText


# ------------------------------------------------------------------------------ safetext
def test_escape_and_markup_keep_user_text_literal():
    assert safetext.escape('<img src="/dev/zero">') == "&lt;img src=&quot;/dev/zero&quot;&gt;"
    assert safetext.escape("a\nb & c", line_breaks=True) == "a<br>b &amp; c"
    assert safetext.markup("<b>{}</b> = {v}", "<i>x</i>", v="1 < 2") == "<b>&lt;i&gt;x&lt;/i&gt;</b> = 1 &lt; 2"
    assert safetext.shorten("x" * 5000, 100) == "x" * 99 + "…"
    assert safetext.tooltip("<b>x</b>\ny").endswith("&lt;b&gt;x&lt;/b&gt;<br>y</p>")


@pytest.mark.parametrize("name", sorted(MARKUP))
def test_plain_widgets_never_render_markup(name, qtbot, tmp_path):
    """A label that would render an image (500×500) stays one line of text when set through set_plain."""
    picture = tmp_path / "big.png"
    image = QImage(500, 500, QImage.Format.Format_ARGB32)
    image.fill(QColor("red"))
    image.save(str(picture))
    CASES["gui hostile text"] += 1
    text = MARKUP[name].replace("/dev/zero", str(picture)).replace("/tmp/nn-designer-hostile-fifo", str(picture))
    rich = QLabel()  # what a label does by default, with the picture instead of a device
    qtbot.addWidget(rich)
    rich.setText(f'<img src="{picture}">')
    assert rich.sizeHint().height() >= 500  # the picture was loaded: this is the danger
    label = QLabel()
    qtbot.addWidget(label)
    safetext.set_plain(label, text)
    assert label.textFormat() == PLAIN and label.text() == text
    assert label.sizeHint().height() < 100
    box = safetext.message_box(None, "warning", "Cannot open file", f"x.json: {text}", f"more {text}")
    qtbot.addWidget(box)
    labels = [w for w in box.findChildren(QLabel) if w.text()]
    assert labels and all(w.textFormat() == PLAIN for w in labels)
    assert {w.text() for w in labels} == {f"x.json: {text}", f"more {text}"}


# ------------------------------------------------------------------------------ open
def test_an_invalid_file_with_a_markup_id_gets_a_plain_dialog_and_keeps_the_network(xor_window, dialogs):
    w = xor_window
    before = dumps(w.document.network)
    path = CORPUS / "duplicate-id-img-markup.json"
    assert not w.files.open_path(path)
    assert dialogs.shown[-1] == (
        "warning",
        "Cannot open file",
        "duplicate-id-img-markup.json: duplicate neuron id '<img src=\"/dev/zero\">' (and 6 more problems)",
    )
    assert dialogs.formats[-1] == PLAIN
    assert dumps(w.document.network) == before and w.document.path is None


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("ok-markup-*.json")))
def test_markup_files_open_as_networks_with_literal_text(name, xor_window):
    w = xor_window
    CASES["gui hostile text"] += 1
    assert w.files.open_path(CORPUS / name)
    assert w.document.network == load(CORPUS / name)
    assert w.document.path == CORPUS / name


def test_out_of_memory_while_opening_is_a_dialog_not_a_crash(xor_window, dialogs, monkeypatch):
    import designer.ui.files as files

    w = xor_window
    before = dumps(w.document.network)

    def no_memory(path):
        raise MemoryError

    monkeypatch.setattr(files, "parse_json", no_memory)
    assert not w.files.open_path(EXAMPLES / "xor-step.json")
    assert dialogs.shown[-1] == ("warning", "Cannot open file", "xor-step.json: not enough memory to open it")
    assert dumps(w.document.network) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_opening_a_fifo_does_not_freeze_the_window(xor_window, dialogs, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert not xor_window.files.open_path(fifo)
    assert "is a FIFO (named pipe), not a regular file" in dialogs.shown[-1][2]


# ------------------------------------------------------------------------------ paste
def _fragment(**changes) -> dict:
    doc = {
        "format": "nn-designer",
        "version": 1,
        "inputs": [],
        "neurons": [{"id": "p", "activation": "relu", "bias": 0.5, "position": [0, 0]}],
        "connections": [],
        "outputs": [],
    }
    doc["neurons"][0].update(changes)
    return doc


def _deep(levels: int) -> dict:
    value: object = 1
    for _ in range(levels):
        value = [value]
    return _fragment(note=value)


def _linked(source: str, target: str) -> str:
    return json.dumps({**_fragment(), "connections": [{"source": source, "target": target, "weight": 1.0}]})


PASTES = {
    "nan-bias": (json.dumps(_fragment(bias=float("nan"))), "bias nan is not a finite number"),
    "infinite-weight-text": (json.dumps(_fragment(bias=1e308)).replace("1e+308", "1e999"), "is not a finite number"),
    "lone-surrogate": (json.dumps(_fragment(label="\ud800")), "unpaired surrogate"),
    "deep-nesting": (json.dumps(_deep(150)), "nested too deeply"),
    "very-deep-nesting": ('{"format": "nn-designer", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    "duplicate-key": (json.dumps(_fragment()).replace('"bias": 0.5', '"bias": 0.5, "bias": 2'), "duplicate key 'bias'"),
    "markup-id-invalid": (json.dumps(_fragment(activation='<img src="/dev/zero">')), "unknown activation"),
    # a link from or to a node the text does not hold was left out without a word (pasted without it)
    "link-to-a-node-not-pasted": (_linked("p", "h1"), "connection p → h1: unknown target 'h1'"),
    "link-from-a-node-not-pasted": (_linked("x\n9", "p"), "connection x 9 → p: unknown source 'x 9'"),
}


@pytest.mark.parametrize("case", sorted(PASTES))
@pytest.mark.parametrize("as_mime", [True, False])
def test_paste_refuses_what_open_refuses(case, as_mime, xor_window):
    w = xor_window
    text, fragment = PASTES[case]
    before = dumps(w.document.network)
    data = QMimeData()
    if as_mime:
        data.setData(MIME_TYPE, text.encode("utf-8", "surrogatepass"))
    else:
        data.setText(text)
    QApplication.clipboard().setMimeData(data)
    CASES["gui paste"] += 1
    w.actions["paste"].trigger()
    message = w.statusBar().currentMessage()  # refused by the loader, or by the edit command itself
    assert message.startswith(("Not pasted: ", "Not allowed: ")) and fragment in message, message
    check_one_line(message, 400)
    assert dumps(w.document.network) == before and w.document.undo_stack.count() == 0
    assert w.files.write_recovery()  # autosave still works: nothing unsavable got in


def test_paste_here_never_moves_nodes_beyond_the_largest_position(xor_window):
    from PySide6.QtCore import QPointF

    w = xor_window
    doc = _fragment(position=[-1.7e308, 0])
    doc["neurons"].append({"id": "q", "activation": "relu", "bias": 0, "position": [1.7e308, 0]})
    QApplication.clipboard().setText(json.dumps(doc))
    before = dumps(w.document.network)
    w.editing.paste(at=QPointF(100, 0))  # shifts by +1.7e308: q would land at infinity
    assert "beyond ±1,000,000 canvas units" in w.statusBar().currentMessage()
    assert dumps(w.document.network) == before


def test_paste_of_a_good_fragment_and_of_other_text(xor_window):
    w = xor_window
    QApplication.clipboard().setText("just some text")
    w.actions["paste"].trigger()
    assert w.statusBar().currentMessage() == "The clipboard holds no NN Designer nodes to paste."
    QApplication.clipboard().setText(json.dumps(_fragment(label="<b>bold</b>")))
    w.actions["paste"].trigger()
    assert w.document.network.neurons["p"].label == "<b>bold</b>"
    assert w.document.undo_stack.count() == 1


# ------------------------------------------------------------------------------ save and autosave
def test_a_failed_autosave_is_shown_at_once_and_until_it_works_again(xor_window, dialogs, tmp_path):
    w = xor_window
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    w.files.recovery.folder = blocker / "recovery"  # cannot be created: a file is in the way
    w.files.recovery.path = w.files.recovery.folder / "slot.json"
    w.document.push(SetNetworkField("name", "changed"))  # unsaved work, as an edit makes it
    assert not w.files.write_recovery()
    assert dialogs.shown[-1][:2] == ("notice", "Autosave failed") and dialogs.formats[-1] == PLAIN
    label = w.findChild(QLabel, "autosaveProblem")
    assert label.isVisible() and label.text().startswith("Autosave failed: ")
    shown = len(dialogs.shown)
    assert not w.files.write_recovery()
    assert len(dialogs.shown) == shown and label.isVisible()  # one dialog per run of failures; the note stays
    w.files.recovery.folder = tmp_path / "recovery-ok"
    w.files.recovery.path = w.files.recovery.folder / "slot.json"
    assert w.files.write_recovery()
    assert not label.isVisible() and w.files.recovery.path.exists()
    w.document.undo_stack.setClean()


def test_a_failed_save_is_a_dialog(xor_window, dialogs, tmp_path):
    from pathlib import Path

    w = xor_window
    assert not w.files._write(Path(tmp_path / "missing" / "x.json"))
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("critical", "Cannot save") and "x.json was not saved: No such file" in text
    assert "NOT SAVED" in w.statusBar().currentMessage()


# ------------------------------------------------------------------------------ recovery
def test_two_windows_keep_separate_recovery_data(qtbot, dialogs):
    from designer.ui.mainwindow import MainWindow

    first, second = MainWindow(load(EXAMPLES / "xor-step.json")), MainWindow(load(EXAMPLES / "xor-step.json"))
    for window in (first, second):
        qtbot.addWidget(window)
        window.document.push(SetNetworkField("name", f"work of {id(window)}"))
        assert window.files.write_recovery()
    assert first.files.recovery.path != second.files.recovery.path
    second.document.undo_stack.setClean()
    assert second.files.write_recovery()  # clean: removes its own data...
    assert not second.files.recovery.path.exists()
    assert first.files.recovery.path.exists()  # ...and never another window's
    assert json.loads(first.files.recovery.path.read_text(encoding="utf-8"))["name"] == f"work of {id(first)}"
    first.document.undo_stack.setClean()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_unreadable_recovery_files_are_reported_and_kept_aside(xor_window, dialogs):
    from designer.ui.app import offer_recovery
    from designer.ui.recovery import recovery_folder

    folder = recovery_folder()
    folder.mkdir(parents=True)
    (folder / "123-1-abcdef.json").write_bytes(b"{ truncated")
    os.mkfifo(folder / "456-1-abcdef.json")
    assert offer_recovery(xor_window) == 0
    ((_, title, text),) = dialogs.shown  # one dialog for both
    assert title == "Unreadable recovery files" and all(f == PLAIN for f in dialogs.formats)
    assert "123-1-abcdef.json: " in text and "not valid JSON" in text and "is a FIFO" in text
    assert sorted(p.name for p in folder.glob("*.json")) == []  # not left to be ignored again...
    kept = sorted(p.suffix for p in (folder / "corrupt").iterdir())
    assert kept == [".json", ".json", ".txt", ".txt"]  # ...but kept, each with its reason
    notes = [p.read_text(encoding="utf-8") for p in (folder / "corrupt").glob("*.txt")]
    assert any("not valid JSON" in n for n in notes)


def test_an_orphan_answered_cancel_is_kept_for_the_next_start(xor_window, dialogs):
    from designer.model import save
    from designer.ui.app import offer_recovery
    from designer.ui.recovery import recovery_folder

    folder = recovery_folder()
    folder.mkdir(parents=True)
    network = load(EXAMPLES / "xor-step.json")
    network.name = "<b>kept</b>"
    save(network, folder / "99999-1-abcdef.json")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert offer_recovery(xor_window) == 0
    assert "Restore <b>kept</b> (5 nodes" in dialogs.shown[-1][2] and dialogs.formats[-1] == PLAIN
    assert (folder / "99999-1-abcdef.json").exists() and not (folder / "99999-1-abcdef.lock").exists()
    dialogs.answer = QMessageBox.StandardButton.No
    assert offer_recovery(xor_window) == 0
    assert not (folder / "99999-1-abcdef.json").exists()


def test_a_label_too_long_for_a_file_is_refused_at_the_inspector_and_the_work_saves_and_opens(
    xor_window, qtbot, tmp_path, dialogs
):
    """12,000 characters pasted into Inspector ▸ Label were accepted; Save said "Saved" and the file (and
    the crash recovery) could not be opened again: "text too long"."""
    from tests.ui import gui

    w = xor_window
    gui.click(w.view, gui.node_pos(w, "h1"))
    qtbot.waitUntil(lambda: w.inspector.current == "h1")
    field = w.inspector.n_label
    field.setFocus()
    field.selectAll()
    QApplication.clipboard().setText("x" * 12_000)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.document.network.neurons["h1"].label != "x" * 12_000
    assert "a label has at most 10,000 characters (this one has 12,000)" in w.statusBar().currentMessage()
    assert field.text() == (w.document.network.neurons["h1"].label or "")  # the field shows what the model has
    target = tmp_path / "saved.json"
    w.files._write(target)
    assert load(target) == w.document.network  # what was saved opens again


def test_a_file_name_that_is_not_utf8_is_shown_with_its_bytes_escaped(
    xor_window, qtbot, dialogs, tmp_path, monkeypatch
):
    """``\\xff.json``: Qt dropped the undecodable byte, so the dialog, the status bar and the title named
    ``.json`` (another file) and Save said "Saved …/.json"."""
    import shutil

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from tests.conftest import EXAMPLES

    broken = os.fsdecode(bytes(tmp_path) + b"/\xfe.json")
    with open(broken, "w", encoding="utf-8") as out:
        out.write("not json")
    good = os.fsdecode(bytes(tmp_path) + b"/\xff.json")
    shutil.copy(EXAMPLES / "xor-step.json", good)
    w = xor_window
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    for name in (broken, good):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, n=name, **k: (n, ""))
        qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File ▸ Open
    assert dialogs.shown[0][1] == "Cannot open file" and dialogs.shown[0][2].startswith("\\udcfe.json: not valid JSON")
    assert w.statusBar().currentMessage().endswith("/\\udcff.json") and "\\udcff.json" in w.windowTitle()


def test_a_file_name_holding_qts_unsaved_mark_is_shown_as_it_is(xor_window, qtbot, tmp_path):
    """``a[*]b.json``: Qt took the name's ``[*]`` for its mark of unsaved changes: the title said
    ``ab.json``, or ``a*b.json*`` once edited."""
    import shutil

    from designer.model import SetNetworkField
    from tests.conftest import EXAMPLES

    path = tmp_path / "a[*]b.json"
    shutil.copy(EXAMPLES / "xor-step.json", path)
    w = xor_window
    assert w.files.open_path(path)
    qtbot.waitUntil(lambda: w.windowHandle().title() == "a[*]b.json — NN Designer", timeout=2000)
    w.document.push(SetNetworkField("name", "edited"))
    qtbot.waitUntil(lambda: w.windowHandle().title() == "a[*]b.json* — NN Designer", timeout=2000)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX FIFOs and devices")
@pytest.mark.parametrize("lock", ["folder", "link to /dev/zero", "fifo"])
def test_a_slot_whose_lock_is_no_regular_file_is_offered(xor_window, dialogs, lock):
    """QLockFile reads a lock to see whose it is: a FIFO or a link to /dev/zero in place of an orphan's
    lock kept the start waiting forever, a folder there made it skip the work without a word."""
    from PySide6.QtWidgets import QMessageBox

    from designer.model import dumps, load
    from designer.ui.app import offer_recovery
    from designer.ui.recovery import recovery_folder
    from tests.conftest import EXAMPLES

    folder = recovery_folder()
    folder.mkdir(parents=True)
    network = load(EXAMPLES / "perceptron.json")
    (folder / "123-1-abcdef.json").write_text(dumps(network), encoding="utf-8")
    path = folder / "123-1-abcdef.lock"
    {"folder": os.mkdir, "fifo": os.mkfifo}.get(lock, lambda p: os.symlink("/dev/zero", p))(path)
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert offer_recovery(xor_window) == 1
    assert dialogs.shown[0][1] == "Restore unsaved work?" and xor_window.document.network.name == network.name
    assert not (folder / "123-1-abcdef.json").exists()  # restored into this window's own slot
    xor_window.document.undo_stack.setClean()


def test_a_duplicated_megabyte_key_is_shortened_and_still_placed(xor_window, qtbot, dialogs, tmp_path, monkeypatch):
    """A file over 1 MiB was not read again to place its duplicate key: a 1 MB key written twice got no
    line and column. The key is quoted shortened, with an ellipsis, and placed."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from designer.model import dumps

    key = "k" * 1_000_000
    path = tmp_path / "big.json"
    path.write_text('{"format": "nn-designer",\n "' + key + '": 1,\n "' + key + '": 2}', encoding="utf-8")
    w = xor_window
    before = dumps(w.document.network)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File ▸ Open
    ((kind, title, text),) = dialogs.shown
    assert (kind, title) == ("warning", "Cannot open file")
    assert text == f"big.json: duplicate key '{'k' * 59}…' in a JSON object at line 3 column 2"
    assert dumps(w.document.network) == before


def test_the_undo_buttons_tooltip_shows_a_node_id_from_a_file_as_text(xor_window, qtbot, tmp_path):
    """The toolbar's Undo tooltip "Undo set bias of <img src=…>" (a neuron's id from a file, its bias typed in
    the Inspector) drew the picture: Qt guesses tooltips' format, and `src` could be a device or a FIFO."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QToolButton, QToolTip

    from tests.ui import gui

    picture = tmp_path / "big.png"
    image = QImage(500, 500, QImage.Format.Format_ARGB32)
    image.fill(QColor("red"))
    image.save(str(picture))
    node_id = f'<img src="{picture}"><b>h</b>'
    text = (EXAMPLES / "xor-step.json").read_text().replace('"h1"', json.dumps(node_id))
    path = tmp_path / "markup-id.json"
    path.write_text(text)
    w = xor_window
    assert w.files.open_path(path)
    gui.inspect(qtbot, w, node_id)
    field = w.inspector.n_bias
    gui.retype(qtbot, field, "-0.25")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.document.network.neurons[node_id].bias == -0.25
    undo = w.actions["undo"]
    (button,) = [b for b in w.findChildren(QToolButton) if b.defaultAction() is undo]
    shown = QTextDocument()
    shown.setHtml(button.toolTip())  # what the tooltip's label shows (Qt takes this for rich text)
    assert shown.toPlainText() == f"Undo set bias of {node_id}"
    QToolTip.showText(button.mapToGlobal(QPoint(5, 5)), button.toolTip(), button)  # as a hover shows it
    tips = [t for t in QApplication.topLevelWidgets() if t.inherits("QTipLabel") and t.isVisible()]
    assert tips and all(t.sizeHint().height() < 100 for t in tips)  # the picture was not drawn
    QToolTip.hideText()


def test_text_made_wrappable_twice_gets_each_break_once():
    """A lesson title is made wrappable for the Lesson dock, and the presentation strip makes the whole
    step's markup wrappable again: every 24 letters of a 100-letter title got two zero-width spaces."""
    title = "M" * 100
    once = safetext.wrappable(title)
    assert safetext.wrappable(once) == once
    assert safetext.wrappable_html(f"<b>{once}</b>") == f"<b>{once}</b>"
    assert once.count("\u200b") == 4
