"""Numbers a spin box can show only rounded or clamped, kept exact behind the field.

A demo file may hold a noise of 0.125 or a split of 0.333 (the Noise and Split fields show whole
percents: 12 %, 33 %). Read back from the field, the shown number replaced the file's: Tab past Noise
or Split regenerated other points, and the demo no longer replayed. While a field shows what it was
given, the number given is its value; once the student changes it, the field's own number is. (The
Seed field, once 0 to 999,999, now holds the format's 0 to 2³²−1 and still goes through here; Stop at
loss, once four decimals, and L1/L2 show their numbers exactly: ``number_box``.)
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox


class ExactFields:
    """The exact number behind each spin box shown with :meth:`show`, while it shows it unchanged."""

    def __init__(self) -> None:
        self._kept: dict[QSpinBox | QDoubleSpinBox, tuple[float, float]] = {}

    def show(self, box: QSpinBox | QDoubleSpinBox, exact: float, scale: float = 1.0) -> None:
        """Show ``exact`` × ``scale`` in ``box`` (rounded and clamped as the box does) and keep ``exact``."""
        shown = exact * scale
        if isinstance(box, QSpinBox):  # clamped here: a file's seed up to 2**32 - 1 overflows Qt's int
            shown = min(max(round(shown), box.minimum()), box.maximum())
        box.setValue(shown)
        self._kept[box] = (box.value(), exact)

    def value(self, box: QSpinBox | QDoubleSpinBox, scale: float = 1.0) -> float:
        """The number ``box`` stands for: the one given to :meth:`show` while it shows it, else its own ÷ ``scale``."""
        shown, exact = self._kept.get(box, (None, 0.0))
        if shown is not None and box.value() == shown:
            return exact
        return box.value() / scale if scale != 1.0 else box.value()
