"""Network ▸ Softmax Outputs: a network with several outputs becomes a classifier of class
probabilities (one undoable step, which also makes the outputs linear, as softmax needs them).

The loss follows: softmax outputs are trained with cross-entropy, so turning softmax on selects it
in the Training panel (and says so); turning it off again (or undoing) brings back the loss that
was chosen before, if nobody picked another one meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from designer.model import events as ev
from designer.model.shortcuts import SetSoftmax
from designer.ui.live.panel_settings import LOSS_LABELS, select

CROSS_ENTROPY = "cross_entropy"


class SoftmaxOutputs(QObject):
    """The checkable Softmax Outputs action, kept in step with the model, and the loss that follows it."""

    def __init__(self, document, panel, add_action) -> None:
        super().__init__(document)
        self.document = document
        self.panel = panel
        self._loss_before: str | None = None  # the loss turning softmax on replaced
        self.action: QAction = add_action(
            "softmax_outputs",
            "Soft&max Outputs",
            self.set_softmax,
            None,
            "Make the outputs a softmax classifier: one output per class, trained with cross-entropy",
            True,
        )
        self._unsubscribe = document.network.events.subscribe(self._on_event)
        self._show()

    @property
    def network(self):
        return self.document.network

    def set_softmax(self, on: bool) -> None:
        """Turn softmax on or off (one undo step); a refusal (fewer than two outputs) is reported by the document."""
        if on != self.network.softmax:
            self.document.push(SetSoftmax(on))
        self._show()

    def _show(self) -> None:
        net = self.network
        if self.action.isChecked() != net.softmax:
            self.action.blockSignals(True)
            self.action.setChecked(net.softmax)
            self.action.blockSignals(False)
        n = len(net.outputs)
        self.action.setEnabled(n >= 2 or net.softmax)
        if net.softmax:
            tip = f"Softmax over the {n} outputs: they are class probabilities (click to turn off)"
        elif n < 2:
            tip = "Softmax Outputs needs at least two output neurons, one per class (mark neurons as outputs: O)"
        else:
            tip = "Make the outputs a softmax classifier: one output per class, trained with cross-entropy"
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)

    def _on_event(self, event: ev.Event) -> None:
        if event.kind == ev.NETWORK_CHANGED and event.field == "softmax":
            self._follow_loss(self.network.softmax)
        if event.kind in (ev.NETWORK_CHANGED, ev.OUTPUTS_CHANGED, ev.RESET):
            self._show()
        if event.kind == ev.RESET:
            self._loss_before = None  # another network: the loss it had before is no longer ours to restore

    def _follow_loss(self, softmax: bool) -> None:
        loss = self.panel.loss
        if softmax and loss.currentData() != CROSS_ENTROPY:
            self._loss_before = loss.currentData()
            select(loss, CROSS_ENTROPY)  # the panel sets the training's loss
            self._say(
                "Softmax outputs: the loss is now cross-entropy, the loss for class probabilities; "
                f"it was {LOSS_LABELS[self._loss_before]}"
            )
        elif not softmax and self._loss_before is not None:
            before, self._loss_before = self._loss_before, None
            if loss.currentData() == CROSS_ENTROPY:
                select(loss, before)
                self._say(f"No softmax: the loss is {LOSS_LABELS[before]} again")

    def _say(self, text: str) -> None:
        """``text`` in the Training panel, after why a run going on paused for this edit (if it did):
        the loss's note alone hid that training had stopped."""
        note = self.panel.training.pause_note
        self.panel.show_message(f"{note}. {text}" if note else text, False)

    def detach(self) -> None:
        self._unsubscribe()
