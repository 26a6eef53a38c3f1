"""Regression in the region view: Playground's 2-D regression sets are shown on one continuous colour
scale over the data's target range (not clipped to [0, 1]), with the colour bar's values, the data
points coloured by their target with an outline, and no class boundary."""

import numpy as np
import pytest

from designer.model import SetConnectionField
from designer.ui.live import colors
from tests.ui.live_gui import choose, mlp, open_window


@pytest.fixture
def plane(qtbot):
    """y = (x1 + x2) / 10 exactly: the reg-plane dataset's own function."""
    w = open_window(qtbot, mlp([2, 1], output="linear"))
    for source in ("x1", "x2"):
        w.document.push(SetConnectionField((source, "y"), "weight", 0.1))
    choose(w.live.panel.dataset, "reg-plane")
    w.session.flush()
    return w


def test_the_map_spans_the_targets_range_on_one_continuous_scale(plane):
    w = plane
    region = w.live.region
    lo, hi = w.session.data.target_range
    assert lo < -1.0 and hi > 1.0  # reg-plane's targets lie in about [-1.2, 1.2]
    assert region.regression and "regression" in region.title.text()
    idx = region.image.image  # (nx, ny): x along the first axis
    assert idx[0, 0] <= 8 and idx[-1, -1] >= 247  # the corners (-6, -6) and (6, 6): both ends of the scale
    expected = colors.to_index(w.session.out[0], lo, hi, np.zeros(idx.size, np.uint8)).reshape(idx.shape)
    assert np.array_equal(idx, expected)
    assert np.mean(idx == 0) < 0.02  # nothing clipped to the bottom colour, as a [0, 1] scale would
    assert region.bar.isVisible() and region.bar.levels() == pytest.approx((lo, hi), abs=1e-3)
    assert not region.discretize.isEnabled()  # a number per point has no decision
    assert len(region.contour.getData()[0]) == 0  # and no boundary


def test_points_are_coloured_by_their_target_with_an_outline(plane):
    w = plane
    region = w.live.region
    data = w.session.data
    lo, hi = data.target_range
    lut = region.lut_for_points()
    y = data.y_train[:, 0]
    brushes = region.points.train.data["brush"]
    for i in (int(np.argmin(y)), int(np.argmax(y)), int(np.argmin(np.abs(y)))):
        index = int(np.clip(np.rint((y[i] - lo) / (hi - lo) * 255), 0, 255))
        assert brushes[i].color().getRgb()[:3] == tuple(int(c) for c in lut[index][:3])
    pen = region.points.train.opts["pen"]  # every point's outline
    assert pen.color().name() == w.scene.theme.text and pen.widthF() > 0


def test_the_training_dock_says_regression_with_the_targets_range(qtbot):
    w = open_window(qtbot, mlp([2, 4, 1], "tanh", "linear"))
    choose(w.live.panel.dataset, "reg-gauss")
    lo, hi = w.session.data.target_range
    text = w.live.panel.kind.text()
    assert text.startswith("regression · targets from −") and f"{hi:.3g}" in text
    w.live.build_plots()
    w.session.flush()
    assert w.live.region.regression and w.live.region.class_key.isHidden()
