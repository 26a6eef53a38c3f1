"""The decision-region view's title and the check boxes in its header.

The title says what the map shows and, with three inputs or more, the inputs not plotted and the values
they are held at (a figure of the view, exported without the sliders, says it too). Its own job apart
from painting the map: it is built only when it changes (with 784 inputs, building it at every redraw
took seconds) and it decides whether the check boxes fit beside it or go under it.
:class:`RegionTitle` is a base of :class:`~designer.ui.live.region.RegionView`.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from designer.formatting import format_number
from designer.ui.live.session import PLANE
from designer.ui.safetext import markup

#: characters of room the title needs beside the check boxes ("Output y over the input plane" in two lines)
TITLE_ROOM_EM = 16
#: lines of title beside the check boxes at most; a longer title puts them on a row of their own
TITLE_LINES = 2.5
#: the held inputs the title names with their values; more are counted ("and 780 more")
HELD_NAMED = 4


def held_inputs(net, fixed: np.ndarray, shown: set[int]) -> str:
    """The title's note on the inputs not plotted, "(x3 = 0, x4 = 0.5)": the first ``HELD_NAMED`` by name, the
    rest counted, so the title stays a line or two with 784 inputs (it was 7,800 characters)."""
    held = [k for k in range(min(len(net.inputs), len(fixed))) if k not in shown]
    if not held:
        return ""
    ids = list(net.inputs)
    named = [
        markup("{} = {}", net.inputs[ids[k]].display_label, format_number(round(float(fixed[k]), 3)))
        for k in held[:HELD_NAMED]
    ]
    more = len(held) - len(named)
    if more:
        named.append(f"and {more} more held at their sliders' values")
    return " &nbsp; <i>(" + ", ".join(named) + ")</i>"


class RegionTitle:
    """The title (held inputs cached in ``_held``) and where the check boxes go; the view provides
    ``session``, ``title``, ``switches`` and the header grid ``_header``."""

    title: QLabel
    switches: QWidget
    _header: QGridLayout
    _switches_below: bool | None
    _held: tuple | None

    def _place_switches(self, below: bool) -> None:
        """The check boxes beside the title, or under it where the view is narrow: beside them the
        title was squeezed to a word per line and cut ("Outpu") in a 1000 px window's lesson step."""
        if below == self._switches_below:
            return
        self._header.removeWidget(self.switches)
        if below:
            self._header.addWidget(self.switches, 1, 0, Qt.AlignmentFlag.AlignRight)
        else:
            self._header.addWidget(self.switches, 0, 1)
        self._switches_below = below

    def _arrange_header(self) -> None:
        """The check boxes under the title where beside them it would be narrow or take more than two
        lines: a 784-input network's title (the held inputs) was four cramped lines beside them."""
        room = self.width() - self.switches.sizeHint().width()
        title_room = room - self.layout().contentsMargins().left() - self.layout().contentsMargins().right()
        title_room -= max(self._header.horizontalSpacing(), 0)
        long_title = (
            self.title.heightForWidth(max(title_room, 1)) > TITLE_LINES * self.title.fontMetrics().lineSpacing()
        )
        self._place_switches(below=room < TITLE_ROOM_EM * self.fontMetrics().averageCharWidth() or long_title)

    @staticmethod
    def _one_of(k: int) -> str:
        """Said in the title (an exported figure too): the other outputs are not in this map."""
        return f"one of {k} outputs, each a question of its own"

    def _set_title(self, html: str, hovered: bool = False) -> None:
        """The title, with the inputs not plotted and the values they are held at (3 inputs or more: a
        figure of the view says it too, where the axes chooser's sliders are left out). Set only when it
        changes: a word-wrapped title set again re-lays out the dock. A hovered neuron's title leaves
        the check boxes where they are: the map would grow and shrink as the mouse crosses the canvas."""
        html += self._held_text()
        if html != self.title.text():
            self.title.setText(html)
            if not hovered:
                self._arrange_header()

    def _held_text(self) -> str:
        """The held inputs' part of the title, built again only when the inputs, the plotted pair or a
        held value changed: with 784 inputs, building it at every redraw took seconds after an edit."""
        st = self.session
        shown = (st.ax, st.ay) if st.mode == PLANE else (st.ax,)
        key = (shown, st.fixed.tobytes())
        if self._held is None or self._held[0] != key:
            self._held = (key, held_inputs(st.network, st.fixed, set(shown)))
        return self._held[1]

    def _forget_held(self) -> None:
        """Inputs added, removed or renamed: the held inputs' text is built again."""
        self._held = None
