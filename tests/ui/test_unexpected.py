"""An error the app did not expect: one line in a dialog, the traceback in a log, the app goes on."""

from __future__ import annotations

import sys

from designer.ui.unexpected import LOG_NAME, MAX_LOG_BYTES, UnexpectedErrors


def raise_in_a_slot() -> None:
    raise ValueError("a <b>bug</b> in a slot")


def test_an_error_in_a_slot_is_one_line_in_a_dialog_and_a_traceback_in_the_log(qtbot, xor_window, tmp_path, dialogs):
    errors = UnexpectedErrors(xor_window, tmp_path)
    errors.install()
    try:
        try:
            raise_in_a_slot()
        except ValueError:
            sys.excepthook(*sys.exc_info())  # what Qt's event loop calls for an exception in a slot
    finally:
        errors.uninstall()
    assert sys.excepthook is not errors.handle
    ((kind, title, text),) = dialogs.shown
    assert (kind, title) == ("critical", "Something went wrong")
    assert text == "NN Designer ran into an error it did not expect: ValueError: a <b>bug</b> in a slot"
    assert dialogs.formats == [dialogs.formats[0]] and dialogs.formats[0].name == "PlainText"  # not HTML
    log = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback" in log and "raise_in_a_slot" in log and "a <b>bug</b> in a slot" in log
    assert xor_window.isVisible()  # the app goes on


def test_the_log_keeps_its_last_megabyte_and_one_dialog_is_shown_at_a_time(qtbot, xor_window, tmp_path, dialogs):
    (tmp_path / LOG_NAME).write_bytes(b"x" * (3 * MAX_LOG_BYTES))
    errors = UnexpectedErrors(xor_window, tmp_path)
    errors.showing = True  # a dialog about an earlier error is open: the next is only written down
    errors.handle(RuntimeError, RuntimeError("again"), None)
    assert dialogs.shown == []
    size = (tmp_path / LOG_NAME).stat().st_size
    assert MAX_LOG_BYTES < size < MAX_LOG_BYTES + 1000


def test_the_app_installs_it_while_it_runs(qtbot, monkeypatch, dialogs):
    """app.run: installed before the event loop, removed after it."""
    from PySide6.QtWidgets import QApplication

    from designer.ui import app
    from designer.ui.mainwindow import MainWindow

    seen = []
    monkeypatch.setattr(app, "offer_recovery", lambda window: 0)
    monkeypatch.setattr(type(app.create_app()), "exec", lambda self: seen.append(sys.excepthook) or 0)
    before = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    hook = sys.excepthook
    assert app.run(None) == 0
    assert getattr(seen[0], "__self__", None).__class__ is UnexpectedErrors and sys.excepthook is hook
    for window in QApplication.topLevelWidgets():  # the window run() opened
        if isinstance(window, MainWindow) and window not in before:
            window.close()


def test_the_same_error_again_is_only_logged_and_a_fifo_log_is_left_alone(qtbot, xor_window, tmp_path, dialogs):
    """A paint event that raised brought the dialog back at once after every OK; a FIFO named
    errors.log made the first error hang the app."""
    import os

    errors = UnexpectedErrors(xor_window, tmp_path)
    for _ in range(3):
        errors.handle(ZeroDivisionError, ZeroDivisionError("in paint"), None)
    errors.handle(KeyError, KeyError("other"), None)
    assert [text.rsplit(": ", 2)[-2:] for _, _, text in dialogs.shown] == [
        ["ZeroDivisionError", "in paint"],
        ["KeyError", "'other'"],
    ]
    assert (tmp_path / LOG_NAME).read_text(encoding="utf-8").count("ZeroDivisionError: in paint") == 3

    class Unreadable(Exception):
        def __str__(self):
            raise RuntimeError("no message")

    fifo_folder = tmp_path / "fifo"
    fifo_folder.mkdir()
    os.mkfifo(fifo_folder / LOG_NAME)
    dialogs.shown.clear()
    UnexpectedErrors(xor_window, fifo_folder).handle(Unreadable, Unreadable(), None)  # returns: no hang
    ((_, _, text),) = dialogs.shown
    assert text.endswith("did not expect: Unreadable")


def test_a_linked_log_is_refused_and_the_linked_file_left_whole(qtbot, xor_window, tmp_path, dialogs):
    """errors.log as a link (in a shared folder, NN_DESIGNER_RECOVERY=/tmp/recovery puts it in /tmp):
    the log's trimming cut the file it pointed to to its last megabyte."""
    import os

    precious = tmp_path / "thesis.txt"
    precious.write_bytes(b"chapter\n" * (MAX_LOG_BYTES // 4))  # 2 MB
    before = precious.read_bytes()
    for name, link in (("soft", os.symlink), ("hard", os.link)):
        folder = tmp_path / name
        folder.mkdir()
        link(precious, folder / LOG_NAME)
        dialogs.shown.clear()
        UnexpectedErrors(xor_window, folder).handle(RuntimeError, RuntimeError(name), None)
        assert precious.read_bytes() == before
        assert len(dialogs.shown) == 1  # the error is still shown
    assert os.path.islink(tmp_path / "soft" / LOG_NAME)


def test_only_the_tail_of_a_large_log_is_read(qtbot, xor_window, tmp_path, dialogs):
    """The whole log was read into memory to keep its last megabyte (a 30 MB log: 30 MB more memory)."""
    import os
    import tracemalloc

    log = tmp_path / LOG_NAME
    with open(log, "wb") as out:
        out.truncate(30 * MAX_LOG_BYTES)  # sparse: no disk used
        out.seek(30 * MAX_LOG_BYTES - 4)
        out.write(b"end\n")
    errors = UnexpectedErrors(xor_window, tmp_path)
    errors.showing = True  # only written down
    tracemalloc.start()
    try:
        errors.handle(RuntimeError, RuntimeError("again"), None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * MAX_LOG_BYTES
    data = log.read_bytes()
    assert MAX_LOG_BYTES < len(data) < MAX_LOG_BYTES + 1000 and b"end\n--- " in data and b"again" in data
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
