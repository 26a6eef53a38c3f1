"""A spin box that shows its number exactly and reads typed numbers by the app's typed-number rule.

The L1 and L2 fields were spin boxes with four decimals from 0 to 10: a file's l2 of 0.00004 showed
0.0000 and one of 20 showed 10.0000 while training used the file's numbers. This box shows the
shortest text that reads back as its exact value (``4e-05``, ``20``), takes what every other number
field takes (``1/1000``, ``1e-4``, a decimal comma), holds the file format's range, and says in one
line why it refused a typed number instead of quietly going back to the old one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QDoubleSpinBox

from designer.formatting import format_number
from designer.model.expressions import parse_number
from designer.model.jsonread import one_line

#: QDoubleSpinBox rounds every value to its decimals; this many (Qt's most) rounds none
NO_ROUNDING = 323


def exact_text(value: float) -> str:
    """The shortest text that reads back as ``value`` exactly (``4e-05``, ``0.001``, ``20``)."""
    text = repr(float(value) + 0.0)  # (−0.0 + 0.0 is 0.0)
    return text[:-2] if text.endswith(".0") else text


class ExactNumberBox(QDoubleSpinBox):
    """From ``low`` to ``high``, shown exactly; typed numbers count on Enter or leaving the field (not at
    every key: typing 0.05 applied 0 first), the arrows step by ``step`` at once."""

    def __init__(self, what: str, low: float, high: float, step: float, refused: Callable[[str], None]) -> None:
        """``refused(reason)`` shows why a typed number was not taken (``what`` names the field in it)."""
        super().__init__()
        self._what = what
        self._refused = refused
        self.setDecimals(NO_ROUNDING)
        self.setRange(low, high)
        self.setSingleStep(step)
        self.setKeyboardTracking(False)

    def textFromValue(self, value: float) -> str:
        return exact_text(value)

    def valueFromText(self, text: str) -> float:
        try:
            return parse_number(text) + 0.0  # "-0" is 0 (it read "-0", and a file got "l2": -0.0)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> object:
        """Acceptable when the text is a number in range; anything else may still become one (``1/``, ``1e-``)."""
        state = QValidator.State.Acceptable if self._problem(text) is None else QValidator.State.Intermediate
        return state, text, pos

    def stepBy(self, steps: int) -> None:
        """A step from the exact value, without binary noise (0.001 three times is 0.003, not 0.0030000000000000005)."""
        value = float(f"{self.value() + steps * self.singleStep():.12g}")
        self.setValue(min(max(value, self.minimum()), self.maximum()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._refuse_bad_text()
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._refuse_bad_text()
        super().focusOutEvent(event)

    def _problem(self, text: str) -> str | None:
        """Why ``text`` is no value of this field, or None."""
        try:
            value = parse_number(text)
        except ValueError as exc:
            return f"not read: {exc}"
        if not self.minimum() <= value <= self.maximum():
            return f"is from {format_number(self.minimum())} to {format_number(self.maximum())}"
        return None

    def _refuse_bad_text(self) -> None:
        """Say why the typed text is not taken, and show the value in use again."""
        text = self.lineEdit().text()
        problem = self._problem(text)
        if problem is None:
            return
        self._refused(f"{self._what} '{one_line(text.strip(), 40)}' {problem}; still {exact_text(self.value())}")
        self.lineEdit().setText(exact_text(self.value()))
