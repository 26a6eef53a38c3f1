"""The keyboard-driven demo while presenting.

An application event filter, installed only while presenting, takes the presentation keys
before the window's shortcuts and the focused widget see them (a ShortcutOverride is accepted,
then the key press is handled here). Text fields keep their keys, so typing a learning rate works.

:meth:`DemoKeys.table` is the one list of the keys: what handles them and what the ? help says
(docs/presentation.md's table names the same keys; a test holds the three together).
Presentation clickers send PageDown, PageUp and B or "."; while the screen is blank, any of these
keys brings it back (and does nothing else).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from designer.formatting import format_number
from designer.ui.live.panel_settings import RATES

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
REPEATING = (K.Key_Right, K.Key_Left, K.Key_Up, K.Key_Down, K.Key_PageDown, K.Key_PageUp)  # held: repeat


def _typing(widget: QObject) -> bool:
    """Widgets where keys are text: the presentation leaves their keys alone."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QLineEdit | QAbstractSpinBox)


@dataclass(frozen=True)
class DemoKey:
    """One row of the presentation's keys: as the help names them, what they do, and their handlers."""

    label: str  # "→ / PageDown", as docs/presentation.md's table names the keys
    does: str  # the help's words
    handlers: Mapping[int, Callable[[], None]]  # Qt key → what it does
    ctrl: bool = False  # with Ctrl held

    @property
    def help(self) -> str:
        return f"{self.label} {self.does}"


def _same(keys: tuple[int, ...], action: Callable[[], None]) -> dict[int, Callable[[], None]]:
    """Several keys for one action (one object, so a blank screen can tell its own keys apart)."""
    return dict.fromkeys((int(key) for key in keys), action)


class DemoKeys(QObject):
    def __init__(self, presentation) -> None:
        super().__init__(presentation)
        self.presentation = presentation
        self.window = presentation.window
        self.live = presentation.live
        self.table = self._table()
        self.plain: dict[int, Callable[[], None]] = {}
        self.ctrl: dict[int, Callable[[], None]] = {}
        for row in self.table:
            (self.ctrl if row.ctrl else self.plain).update(row.handlers)

    def _table(self) -> list[DemoKey]:
        """Every key the presentation handles, in the order the help lists them."""
        p = self.presentation
        blank = p.toggle_blank
        digits = {int(K.Key_0) + n: (lambda n=n: p.type_digit(n)) for n in range(10)}
        return [
            DemoKey("Space", "trains", _same((K.Key_Space,), self.play_pause)),
            DemoKey("→ / PageDown", "step", _same((K.Key_Right, K.Key_PageDown), lambda: self.arrow(+1))),
            DemoKey("← / PageUp", "back", _same((K.Key_Left, K.Key_PageUp), lambda: self.arrow(-1))),
            DemoKey(
                "↑ / ↓", "learning rate", {int(K.Key_Up): lambda: self.rate(+1), int(K.Key_Down): lambda: self.rate(-1)}
            ),
            DemoKey("F", "forward pass", _same((K.Key_F,), self.forward)),
            DemoKey("D", "backward pass", _same((K.Key_D,), self.backward)),
            DemoKey("1–9, 10 …", "focus (0 back)", digits),
            DemoKey("H", "hint", _same((K.Key_H,), self.hint)),
            DemoKey("Z", "fit", _same((K.Key_Z,), p.fitter.toggle_overview)),
            DemoKey("W", "weights", _same((K.Key_W,), self.window.actions["show_weights"].toggle)),
            DemoKey("P", "pointer", _same((K.Key_P,), p.toggle_pointer)),
            DemoKey("T", "theme", _same((K.Key_T,), p.next_theme)),
            DemoKey("B / .", "blank", _same((K.Key_B, K.Key_Period), blank)),
            DemoKey(
                "Ctrl + / −",
                "scale",
                {
                    int(K.Key_Plus): lambda: p.step_scale(+1),
                    int(K.Key_Equal): lambda: p.step_scale(+1),
                    int(K.Key_Minus): lambda: p.step_scale(-1),
                },
                ctrl=True,
            ),
            DemoKey("? / F1", "keys", _same((K.Key_Question, K.Key_F1), p.show_help)),
            DemoKey("Esc", "leaves", _same((K.Key_Escape,), p.escape)),
        ]

    def help_text(self) -> str:
        """The ? help: every row of :meth:`_table`."""
        return " · ".join(row.help for row in self.table)

    # ------------------------------------------------------------- dispatch
    def handler(self, event: QKeyEvent) -> Callable[[], None] | None:
        mods = event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
        if mods == CTRL:
            return self.ctrl.get(event.key())
        if mods == Qt.KeyboardModifier.NoModifier:
            return self.plain.get(event.key())
        return None

    def _ours(self, obj: QObject) -> bool:
        if isinstance(obj, QWindow):
            return obj is self.window.windowHandle()
        return isinstance(obj, QWidget) and obj.window() is self.window and not _typing(obj)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not self._ours(obj):
            return False
        handler = self.handler(event)
        if handler is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no window shortcut for this key: the key press comes to us
            return True
        if isinstance(obj, QWindow):
            return False  # handled once, when it reaches the widget
        if self.presentation.blanked and handler not in (self.plain[K.Key_B], self.plain[K.Key_Period]):
            self.presentation.toggle_blank()  # the first key after a blank only brings the picture back
        elif not event.isAutoRepeat() or event.key() in REPEATING:
            closed = handler is not self.plain[K.Key_Question] and self._help_read()
            if not (closed and handler is self.plain[K.Key_Escape]):  # Esc closes only the help
                handler()
        return True

    def _help_read(self) -> bool:
        """Another key: the key help (which stays its time, see ``Caption.asked``) has been read; left up,
        it covered the backward walk's legend that D had just brought. True if it was on show: Esc then
        closes it and does nothing else (it left the presentation with it)."""
        stage = self.presentation.stage
        if stage is None or not stage.caption.asked:
            return False
        shown = stage.caption.isVisible()
        stage.caption.hide()
        return shown

    # -------------------------------------------------------------- actions
    def play_pause(self) -> None:
        self.live.actions["train_play"].trigger()

    def arrow(self, direction: int) -> None:
        """→ / PageDown: the next level of an active walk, otherwise one training step; ← / PageUp: a walk's
        previous level. With a lesson open they step through the lesson (see ``LessonPlayer.clicker``). A walk's
        explanation shown a page at a time turns its pages first."""
        if self.live.gradients.legend.turn_page(direction):
            return
        lesson = self.presentation.lesson
        if lesson is not None and lesson.is_open:
            lesson.clicker(direction)
            return
        live = self.live
        if live.forward.active:
            live.forward.step(direction)
        elif live.backward.active:
            live.backward.step(-direction)  # the backward walk advances towards the inputs
        elif direction > 0:
            live.actions["train_step"].trigger()
            self.window.report(f"One training step: epoch {live.training.epoch}, {live.training.steps} steps")

    def rate(self, direction: int) -> None:
        combo = self.live.panel.rate
        current = self.live.training.settings.learning_rate
        values = [float(r) for r in RATES]
        if direction > 0:
            chosen = next((v for v in values if v > current * (1 + 1e-9)), values[-1])
        else:
            chosen = next((v for v in reversed(values) if v < current * (1 - 1e-9)), values[0])
        combo.setCurrentText(RATES[values.index(chosen)])
        self.window.report(f"Learning rate {format_number(self.live.training.settings.learning_rate)}")

    def forward(self) -> None:
        """F: start the forward pass at the inputs, then one level per press; after the outputs it ends."""
        live = self.live
        action = live.actions["forward_walk"]
        if not live.forward.active:
            action.setChecked(True)
        elif (live.probe.walk_level or 0) < live.forward.depth:
            live.forward.step(+1)
        else:
            action.setChecked(False)
            self.window.report("Forward pass done")

    def backward(self) -> None:
        """D: start the backward pass at the outputs, then one level per press towards the inputs."""
        live = self.live
        action = live.actions["backward_pass"]
        if not live.backward.active:
            action.setChecked(True)
        elif live.backward.level > 1:
            live.backward.step(-1)
        else:
            action.setChecked(False)
            self.window.report("Backward pass done")

    def hint(self) -> None:
        panel = self.presentation.exercise.panel
        chain = panel.chain
        if panel.chain_mode and chain.exercise is not None:  # chain-rule practice
            if chain.hints_shown < len(chain.exercise.hints):
                chain.next_hint()
                self.presentation.caption(f"Hint {chain.hints_shown}: {chain.exercise.hints[chain.hints_shown - 1]}", 0)
            else:
                self.presentation.caption("No more hints for this exercise")
            return
        exercise = panel.exercise
        if exercise is None:
            self.presentation.caption("No exercise is open (View ▸ Exercise)")
        elif panel.hints_shown >= len(exercise.hints):
            self.presentation.caption(
                "No more hints for this exercise" if exercise.hints else "This exercise has no hints"
            )
        else:
            panel.next_hint()
            self.presentation.caption(f"Hint {panel.hints_shown}: {exercise.hints[panel.hints_shown - 1]}", 0)
