"""Why training cannot start, or why it stopped by itself, in the words the Training panel shows.

Apart from the training controller: the reasons read the session's data and network, and the feature
check caches its forward pass per data set and compiled network (Play asks before its advice about
saturated neurons, and again as it builds the trainer), which the controller's timer loop never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from designer.engine import DATASETS
from designer.engine.features import first_not_finite
from designer.formatting import format_number

if TYPE_CHECKING:
    from designer.ui.live.session import Session


class FeatureCheck:
    """A feature not finite on the training data, said by name, checked once per data set and network."""

    def __init__(self) -> None:
        self._checked: tuple | None = None  # (data version, compiled network, reason) of the last check

    def problem(self, st: Session) -> str:
        """Features read the inputs, not the weights: the forward pass that finds out runs once per
        data set and compiled network."""
        checked = self._checked
        if checked is not None and checked[0] == st.data_version and checked[1] is st.compiled:
            return checked[2]
        bad = first_not_finite(st.network, st.compiled, st.data.x_train)
        reason = (
            ""
            if bad is None
            else f"Cannot train: feature {bad.expression} is not a finite number at training point {bad.row + 1} "
            f"({bad.point}): change the feature or leave such points out"
        )
        self._checked = (st.data_version, st.compiled, reason)
        return reason


def start_problem(st: Session, features: FeatureCheck) -> str:
    """Why a run cannot start on what is shown now ("" when it can): said before any advice about
    saturated or copied neurons, which a data problem would only look like."""
    st.ensure_fresh()
    data = st.data
    if data.problem:
        return f"Cannot train: {data.problem}"
    if data.n_train == 0:
        return no_training_data(data)
    if st.compiled is None:
        return f"Cannot train: {st.error}"
    return features.problem(st) if st.network.features else ""


def no_training_data(data) -> str:
    """Why a run has no training points: a generated dataset's split can leave none (a file's split of
    0.001 on 10 points, the Split field showing its lowest, 10 %), and "choose a dataset" beside a chosen
    one of 10 points did not say so."""
    tested = len(data.x_test)
    if tested and data.options.name in DATASETS:
        split = format_number(100 * data.options.train_ratio)
        where = f"all {tested} point{'s' if tested != 1 else ''} in the test set"
        return f"No training data: the split ({split} %) puts {where}; raise Split in the Training panel"
    return "No training data: choose a dataset, paint points on the map or load a CSV file"


def diverged_text(message: str) -> str:
    """The engine's reason a run diverged, said once: it starts "training diverged (the loss …)", and the
    panel read "Training diverged: training diverged (the loss …)"."""
    if message.lower().startswith("training diverged"):
        return "T" + message[1:]
    return f"Training diverged: {message}"
