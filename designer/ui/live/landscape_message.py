"""The loss landscape's message in place of a plot: why there is nothing to show (no network, no
parameters, no training data) or why the loss is not a finite number anywhere (a value beyond the live
network's arithmetic, named).

Apart from drawing, since these are the reasons a person reads and acts on; a 400 px dock once cut them
at both ends. :class:`LandscapeMessage` is a base of :class:`~designer.ui.live.landscape_view.LandscapeView`.
"""

from __future__ import annotations

import numpy as np

from designer.engine.compiled import first_beyond


class LandscapeMessage:
    """The reasons, and the message item that shows them over an emptied plot; the view provides
    ``session``, ``parameters``, ``plot``, its items and ``readout``."""

    def _why_not_finite(self) -> str:
        """The training value the network's arithmetic cannot hold, named; else the question it was."""
        compiled, data = self.session.compiled, self.session.data
        beyond = first_beyond(data.x_train, compiled.dtype)
        if beyond is None:
            return "are the data or the weights huge?"
        row, column, value = beyond
        limit = float(np.finfo(compiled.dtype).max)
        return (
            f"training point {row + 1} has {compiled.input_ids[column]} = {value:g}, beyond what "
            f"{compiled.dtype.name}, the live network's arithmetic, holds (±{limit:.3g})"
        )

    def _problem(self) -> str:
        st = self.session
        if st.compiled is None:
            return st.error or "Build a network to see its loss landscape"
        if not self.parameters:
            return "The network has no weights or biases yet"
        if st.data.problem or st.data.n_train == 0:
            return f"No training data: {st.data.problem or 'choose a dataset in the Training panel'}"
        return ""

    def _show_message(self, text: str) -> None:
        self.image.hide()
        self.bar.hide()
        for item in (self.contours, self.curve, self.path_line):
            item.setData([], [])
        self.point.setData([], [])
        self.message.setText(text)
        self._wrap_message()
        self.message.setPos(0, 0)
        self.plot.getPlotItem().setRange(xRange=(-1, 1), yRange=(-1, 1))
        self.message.show()
        self.readout.setText("")

    def _wrap_message(self) -> None:
        """The message in lines as wide as the plot: in one line, a reason that names a value was cut
        at both sides of a 400 px dock."""
        width = self.plot.getPlotItem().getViewBox().width()
        self.message.setTextWidth(max(width - 16, 80))
