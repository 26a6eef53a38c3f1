"""Guard against PySide6 builds that drop references to None/True (6.12.0 on CPython 3.11).

Such a build aborts the app after a few thousand calls ("Fatal Python error:
none_dealloc"). These tests fail on it, so an upgrade cannot bring it back unnoticed.
"""

import sys

import PySide6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 200


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_qt_calls_keep_none_refcount(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    label.setText("warm-up")
    before = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText(str(i))  # a Qt method returning nothing
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 2, f"PySide6 {PySide6.__version__} lost {lost} references to None in {CALLS} void calls"


def test_signal_emit_keeps_true_refcount(qtbot):
    emitter = _Emitter()
    count = [0]

    def slot(value: bool) -> None:  # keeps no reference to the value
        count[0] += 1

    emitter.fired.connect(slot)
    emitter.fired.emit(True)
    before = sys.getrefcount(True)
    for _ in range(CALLS):
        emitter.fired.emit(True)
    lost = before - sys.getrefcount(True)
    assert count[0] == CALLS + 1
    assert lost < CALLS // 2, f"PySide6 {PySide6.__version__} lost {lost} references to True in {CALLS} emits"


def test_known_bad_combination_is_not_installed():
    bad = PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12)
    assert not bad, "PySide6 6.12.0 on Python < 3.12 crashes after a few thousand calls; see pyproject.toml"
