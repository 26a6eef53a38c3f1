"""Bounded work for bounded input: exercise targets and figure exports.

- Exercise files: points × (1 + margin probes) × operations is bounded (``targets.MAX_WORK``) and
  checked before anything is computed; expressions are compiled once and evaluated vectorised,
  once per chunk of points (all margin probes of a chunk in one call). Timing is in
  bench/exercise_load.py (docs/performance.md), not asserted here.
- PNG/SVG export: the image is at most 16,384 px per side and 50 Mpx, scaled down to fit; a
  canvas too far-flung to draw (a position of 1e300) is refused with one line.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QImage

import designer.exercises.targets as targets
from designer.exercises import ExerciseError, parse_exercise
from designer.model import FormatError, Network, load
from tests.conftest import EXAMPLES
from tests.reliability.helpers import CASES, check_one_line, run_cli
from tests.reliability.hostile_exercises import (
    exercise,
    expensive_expression,
    expression_with_cost,
    the_219_second_file,
)

XOR = str(EXAMPLES / "xor-step.json")
IDS16 = [f"x{i + 1}" for i in range(16)]


@pytest.fixture
def evaluations(monkeypatch):
    """How often a compiled expression is run (each run is vectorised over a chunk of points)."""
    calls: list[int] = []
    real = targets.evaluate

    def counting(evaluator, values, n):
        calls.append(n)
        return real(evaluator, values, n)

    monkeypatch.setattr(targets, "evaluate", counting)
    return calls


def _refused(data: bytes | str, fragment: str) -> str:
    CASES["exercise work limits"] += 1
    with pytest.raises(ExerciseError) as info:
        parse_exercise(data)
    check_one_line(str(info.value))
    assert fragment in str(info.value)
    return str(info.value)


def test_the_219_second_file_is_refused_before_any_evaluation(evaluations):
    message = _refused(the_219_second_file(), "target: too much work to compute (100,000 points")
    assert "limit 2e+07" in message
    assert evaluations == []


def test_it_is_refused_at_a_scale_the_old_loader_accepted(evaluations):
    """The same expressions on 2,000 points: 10⁸ operations, several seconds before; refused now."""
    expressions = [expensive_expression(IDS16)] * 16
    _refused(json.dumps(exercise(16, expressions, 2_000)), "too much work")
    assert evaluations == []


@pytest.mark.parametrize(
    ("kind", "n_inputs", "margin", "points"),
    [
        ("function", 2, 0.0, 100_000),
        ("region", 2, 0.01, 5_000),
        ("function", 16, 0.0, 100_000),
        ("region", 16, 0.01, 3_000),
    ],
)
def test_files_at_the_limit_load_with_one_vectorised_call_per_chunk(kind, n_inputs, margin, points, evaluations):
    ids = IDS16[:n_inputs]
    probes = len(targets.probe_offsets(n_inputs, margin)) if margin else 0
    budget = targets.MAX_WORK // (points * (1 + probes))
    text = expression_with_cost(ids, budget - 2)
    if kind == "region":
        text = f"({text}) < {n_inputs}"
    CASES["exercise work limits"] += 1
    loaded = parse_exercise(json.dumps(exercise(n_inputs, [text], points, kind, margin)))
    chunks = -(-points // targets.CHUNK_POINTS)
    probe_chunks = -(-points // max(1, targets.CHUNK_POINTS // probes)) if probes else 0
    assert len(evaluations) == chunks + probe_chunks  # not one call per probe direction
    assert len(loaded.cases) <= points
    doubled = json.dumps(exercise(n_inputs, [f"({text})+({text})"], points, kind, margin))
    _refused(doubled, "too much work")  # twice the operations: over the limit


def test_a_given_network_counts_its_size(evaluations):
    doc = exercise(2, ["x1"], 100_000)
    big = {
        "format": "nn-designer",
        "version": 1,
        "inputs": [{"id": "x1"}, {"id": "x2"}],
        "neurons": [{"id": f"n{i}", "activation": "relu", "bias": 0} for i in range(300)],
        "connections": [{"source": "x1", "target": f"n{i}", "weight": 1} for i in range(300)],
        "outputs": ["n0"],
    }
    doc["target"] = {"kind": "network", "sample": {"random": 100_000}}
    doc["given"] = big
    _refused(json.dumps(doc), "too much work to compute (100,000 points, 600 operations")


def test_expressions_are_compiled_once(monkeypatch):
    from designer.exercises import expressions

    expressions.compiled.cache_clear()
    built = []
    real = expressions.parse
    monkeypatch.setattr(expressions, "parse", lambda *args: built.append(args) or real(*args))
    parse_exercise(json.dumps(exercise(2, ["sin(x1) + x2"], 1000)))
    first = len(built)
    parse_exercise(json.dumps(exercise(2, ["sin(x1) + x2"], 1000)))
    assert first > 0 and len(built) == first  # the second load reuses the compiled expression


# ---------------------------------------------------------------------------------- figures
def _far(x: float, y: float) -> Network:
    network = load(XOR)
    network.neurons["y"].position = (x, y)
    return network


@pytest.mark.parametrize("where", [(1e300, 1e300), (-1e300, 0.0), (2e7, 0.0), (0.0, 1e15)])
def test_far_flung_canvases_are_refused_with_one_line(where, tmp_path, capsys):
    from designer.model import save
    from designer.ui.figures import FigureError, network_png, network_svg

    CASES["figure limits"] += 1
    network = _far(*where)
    for export in (network_png, network_svg):
        with pytest.raises(FigureError) as info:
            export(network)
        check_one_line(str(info.value))
        assert "too far apart to draw" in str(info.value)
    # such a network is no file: it is neither saved nor opened (nodes stay within ±1,000,000 units)
    with pytest.raises(FormatError, match="beyond ±1,000,000 canvas units"):
        save(network, tmp_path / "saved.json")
    doc = json.loads(open(XOR, encoding="utf-8").read())
    doc["neurons"][2]["position"] = list(where)
    path = tmp_path / "far.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    for fmt in ("png", "svg"):
        code, _, err = run_cli(capsys, ["export", str(path), "--to", fmt, "-o", str(tmp_path / f"o.{fmt}")])
        assert code == 2 and "node 'y': position" in err and "beyond ±1,000,000 canvas units" in err
        check_one_line(err.strip())
        assert not (tmp_path / f"o.{fmt}").exists()


@pytest.fixture
def small_limits(monkeypatch):
    """The limits scaled down 8× per side (64× in pixels), so that the suite stays fast; same code paths."""
    import designer.ui.figures as figures

    monkeypatch.setattr(figures, "MAX_SIDE", figures.MAX_SIDE // 8)
    monkeypatch.setattr(figures, "MAX_PIXELS", figures.MAX_PIXELS // 64)
    return figures


def _png_size(data: bytes) -> tuple[int, int]:
    from PySide6.QtCore import QByteArray

    image = QImage.fromData(QByteArray(data), "PNG")
    assert not image.isNull()
    return image.width(), image.height()


def _svg_width(svg: str) -> float:
    head = svg[: svg.index(">", svg.index("<svg"))]
    return float(head.split('width="')[1].split('"')[0].removesuffix("mm"))


def test_a_wide_canvas_is_scaled_down_to_16k_pixels():
    from designer.ui.figures import MAX_SIDE, network_png, network_svg

    CASES["figure limits"] += 1
    width, height = _png_size(network_png(_far(20_000.0, 0.0)))  # 40,060 px wide at 2×
    assert width == MAX_SIDE and 0 < height < 1000
    assert _svg_width(network_svg(_far(20_000.0, 0.0))) <= MAX_SIDE


@pytest.mark.parametrize("where", [(20_000.0, 0.0), (5_000.0, 5_000.0), (0.0, 60_000.0), (-3e5, 2e5), (500.0, 0.0)])
def test_big_canvases_are_scaled_down_to_the_limits(where, small_limits):
    figures = small_limits
    CASES["figure limits"] += 1
    width, height = _png_size(figures.network_png(_far(*where)))
    assert width <= figures.MAX_SIDE and height <= figures.MAX_SIDE and width * height <= figures.MAX_PIXELS
    natural = figures.scene_rect(figures.network_scene(_far(*where)))
    if natural.width() * 2 <= figures.MAX_SIDE and natural.height() * 2 <= figures.MAX_SIDE:
        assert (width, height) == (round(natural.width() * 2), round(natural.height() * 2))  # small: 2× as before
    else:  # scaled down to fill one of the limits, not thrown away
        assert max(width, height) == figures.MAX_SIDE or width * height >= 0.98 * figures.MAX_PIXELS
    assert _svg_width(figures.network_svg(_far(*where))) <= figures.MAX_SIDE


def test_side_by_side_stays_within_the_limits(small_limits):
    from PySide6.QtGui import QColor

    figures = small_limits
    figures.ensure_app()
    left = QImage(1_500, 400, QImage.Format.Format_ARGB32)
    right = QImage(1_200, 400, QImage.Format.Format_ARGB32)
    left.fill(QColor("red"))
    right.fill(QColor("blue"))
    joined = figures.side_by_side(left, right)
    assert joined.width() <= figures.MAX_SIDE and joined.width() * joined.height() <= figures.MAX_PIXELS
    small = figures.side_by_side(
        QImage(100, 50, QImage.Format.Format_ARGB32), QImage(80, 60, QImage.Format.Format_ARGB32)
    )
    assert (small.width(), small.height()) == (204, 60)  # small pictures are not touched
