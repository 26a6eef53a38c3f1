"""Keys 1–9 while presenting: one neuron in the spotlight (moved to the left of the canvas, the focus
card beside it), 0 or Esc back to the whole network where it was. Two digits typed quickly pick
neuron 10 and on (1 then 1: neuron 11), as a TV remote does."""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF

from designer.ui.presentation.badges import neuron_order

FOCUS_AT = 0.19  # a focused neuron moves to this share of the canvas's width
SECOND_DIGIT_S = 1.0  # a digit this soon after another makes a two-digit number with it


class Spotlight:
    """Which neuron is focused, for a :class:`~designer.ui.presentation.mode.Presentation`."""

    def __init__(self, presentation) -> None:
        self.presentation = presentation
        self.window = presentation.window
        self.focused: str | None = None
        self._view_before_focus: tuple[int, int, QRectF] | None = None
        self._last_digit: tuple[int, float] | None = None  # the digit typed last and when

    def type_digit(self, digit: int) -> None:
        """A digit key: neuron ``digit`` (0: the whole network), or with the digit just before it a
        two-digit neuron number where the network has that many (11 neurons had badges up to 9 only)."""
        now = time.monotonic()
        last, self._last_digit = self._last_digit, (digit, now)
        count = len(self.window.document.network.neurons)
        if last is not None and last[0] > 0 and now - last[1] <= SECOND_DIGIT_S and last[0] * 10 + digit <= count:
            self._last_digit = None
            self.focus_number(last[0] * 10 + digit)
        elif digit == 0:
            self.focus_neuron(None)
        else:
            self.focus_number(digit)

    def focus_number(self, number: int) -> None:
        order = neuron_order(self.window.document.network)
        if number > len(order):
            self.presentation.caption(f"There is no neuron {number} (this network has {len(order)})")
            return
        self.focus_neuron(order[number - 1])

    def focus_neuron(self, node_id: str | None) -> None:
        """Show ``node_id`` enlarged over the dimmed canvas (None: back to the whole network)."""
        p = self.presentation
        if p.card is None:
            return
        view = self.window.view
        if self.focused is None and node_id is not None:
            self._view_before_focus = (
                view.horizontalScrollBar().value(),
                view.verticalScrollBar().value(),
                view.sceneRect(),  # the scroll range it had (a cut-off fit's, or the content's)
            )
        self.focused = node_id
        self.window.scene.focus_nodes = {node_id} if node_id is not None else set()  # its boxes first
        live = p.live
        live.session.hovered = node_id or ""  # the region view shows the neuron's own map
        live.region.neuron_shown_because = "focused" if node_id is not None else "hovered"  # (no mouse on it)
        live.region.refresh()
        self.place_card()
        if node_id is not None and view.isVisible():  # the neuron to the left, the card beside it
            self._room_to_scroll(view)
            pos = self.window.scene.node_items[node_id].pos()
            center = view.mapToScene(view.viewport().rect().center())
            shift = view.viewport().width() * (0.5 - FOCUS_AT) / view.transform().m11()
            seen = view.visible_scene_rect()
            y = center.y() if seen.top() <= pos.y() <= seen.bottom() else pos.y()  # scrolled to, if cut off
            view.centerOn(pos.x() + shift, y)
        elif node_id is None and self._view_before_focus is not None:
            view.setSceneRect(self._view_before_focus[2])  # the rect it had, then the scroll it had
            view.horizontalScrollBar().setValue(self._view_before_focus[0])
            view.verticalScrollBar().setValue(self._view_before_focus[1])
            self._view_before_focus = None
        p.card.focus(node_id)
        if node_id is not None:
            label = self.window.document.network.node(node_id).display_label
            p.caption(f"Neuron {label}: its weights, bias, formula and map. 0 or Esc: whole network")

    @staticmethod
    def _room_to_scroll(view) -> None:
        """Let the view scroll a neuron to the left of the canvas: a network fitted to the canvas could not
        scroll at all, so a middle neuron stayed in the middle and the card beside it was squeezed."""
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        view.setSceneRect(view.sceneRect().adjusted(-seen.width(), 0, seen.width(), 0))

    def place_card(self) -> None:
        """Over the canvas (or over the regions when the canvas is not shown)."""
        stage, card = self.presentation.stage, self.presentation.card
        if stage is None or card is None:
            return
        target = stage.canvas if stage.canvas is not None and stage.canvas.isVisible() else stage.region
        if target is not None:
            top_left = target.mapTo(stage, target.rect().topLeft())
            card.setGeometry(top_left.x(), top_left.y(), target.width(), target.height())
        card.raise_()
        stage.caption.raise_()
        stage.pointer.raise_()
