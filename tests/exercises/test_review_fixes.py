"""The instructor's review (issue 17): disk, approx-sin with Step units, scores, the layered rule."""

import json
import math

import pytest

from designer.cli import main
from designer.exercises import check, load_exercise, parse_exercise
from designer.exercises.authoring import network, sin_staircase
from designer.exercises.grading import format_score, report_csv
from designer.model import save
from designer.model.fileformat import to_document
from designer.resources import EXERCISES


def polygon(sides, apothem, rotation=0.0):
    """A regular polygon as the AND of ``sides`` step half-planes (inside: output 1)."""
    hidden = []
    for k in range(sides):
        angle = 2 * math.pi * k / sides + rotation
        hidden.append((f"h{k + 1}", "step", apothem, {"x1": -math.cos(angle), "x2": -math.sin(angle)}))
    out = ("y", "step", -(sides - 0.5), {f"h{k + 1}": 1.0 for k in range(sides)})
    return network(f"{sides}-gon", ["x1", "x2"], [*hidden, out], ["y"])


@pytest.mark.parametrize("rotation", [0.0, math.pi / 8, math.pi / 4])
@pytest.mark.parametrize("size", [1.6, 1.7, 1.8, 1.9, 2.0])
def test_disk_no_square_passes(size, rotation):
    result = check(polygon(4, size, rotation), load_exercise("disk"))
    assert not result.passed and result.score < 0.96


@pytest.mark.parametrize("rotation", [0.0, math.pi / 12, math.pi / 6])
def test_disk_a_regular_hexagon_of_the_right_size_passes(rotation):
    disk = load_exercise("disk")
    assert check(polygon(6, 1.9, rotation), disk).passed
    assert not check(polygon(6, 1.5, rotation), disk).passed  # too small
    assert "hexagon" in disk.prompt and "square" in disk.prompt


def test_approx_sin_step_designs_have_their_own_limit():
    sin = load_exercise("approx-sin")
    stairs = sin_staircase(12)
    result = check(stairs, sin)
    assert result.passed and 0.14 < result.max_error.error <= 0.15
    assert result.tolerance == 0.15 and "for a design of Step units only" in result.summary
    assert "2/(n+2)" in sin.prompt
    mixed = stairs.copy()
    mixed.neurons["s1"].activation = "relu"  # one ReLU among the steps: the 0.1 limit applies again
    mixed_result = check(mixed, sin)
    assert not mixed_result.passed and mixed_result.tolerance == 0.1
    assert any("allowed 0.1;" in reason for reason in mixed_result.reasons)


def test_the_relu_solution_is_still_held_to_0_1():
    sin = load_exercise("approx-sin")
    result = check(sin.solutions[0], sin)
    assert result.passed and result.tolerance == 0.1 and result.max_error.error < 0.1


@pytest.mark.parametrize(
    ("score", "two", "four"),
    [(1.0, "1.00", "1.0000"), (0.9962, "0.99", "0.9962"), (0.99996, "0.99", "0.9999"), (0.29, "0.29", "0.2900")],
)
def test_scores_are_rounded_down(score, two, four):
    assert format_score(score) == two and format_score(score, 4) == four


POINTS = [[k / 100 - 1.495, 0.0] for k in range(300)]  # none at 0


def one_off_exercise(tmp_path):
    """An exercise where step(x1 - 0.006) gets exactly 1 of 300 points wrong (score 0.9967)."""
    xor = xor_doc()
    xor.update(
        id="right-half",
        group="decision boundaries",
        inputs=[{"id": "x1", "range": [-2, 2]}, {"id": "x2", "range": [-2, 2]}],
        target={"kind": "region", "expression": "x1 > 0", "sample": {"points": POINTS}},
        constraints={},
        hints=[],
    )
    xor.pop("starter")
    xor["solutions"] = [to_document(half(0.0))]
    path = tmp_path / "right-half.json"
    path.write_text(json.dumps(xor), encoding="utf-8")
    return path


def xor_doc():
    """The built-in xor exercise file as a dict, to vary."""
    return json.loads(EXERCISES.joinpath("xor.json").read_text(encoding="utf-8"))


def half(bias):
    return network("half", ["x1", "x2"], [("y", "step", bias, {"x1": 1.0, "x2": 0.0})], ["y"])


def test_a_failing_score_never_prints_as_1_00(tmp_path, capsys):
    exercise = one_off_exercise(tmp_path)
    net = tmp_path / "net.json"
    save(half(-0.006), net)
    code = main(["check", str(net), "--exercise", str(exercise)])
    out = capsys.readouterr().out
    assert code == 1 and out.startswith(f"FAIL  {net}  score 0.99  (299 of 300 points right")
    report = tmp_path / "grades.csv"
    assert main(["check", str(net), "--exercise", str(exercise), "--report", str(report)]) == 1
    assert ",false,0.9966," in report.read_text()


def test_report_rows_use_the_same_rounding():
    from designer.exercises.grading import Grade

    class Result:
        passed, score, reasons = False, 0.99996, ["1 point wrong"]

    assert ",false,0.9999," in report_csv([Grade("a.json", Result())])


# ------------------------------------------------------------- layered only
def layered_exercise(layered=True):
    doc = xor_doc()
    doc["constraints"] = {"layered": layered}
    return parse_exercise(json.dumps(doc))


def test_layered_only_refuses_skip_connections():
    skip = network(
        "skip",
        ["x1", "x2"],
        [
            ("h", "step", -1.5, {"x1": 1.0, "x2": 1.0}),
            ("y", "step", -0.5, {"x1": 1.0, "x2": 1.0, "h": -2.0}),
        ],
        ["y"],
    )
    result = check(skip, layered_exercise())
    assert not result.passed and result.score == 0.5  # it computes XOR, but the rule is broken
    [violation] = result.violations
    assert violation.kind == "layered" and set(violation.nodes) == {"x1", "x2", "y"}
    assert result.reasons[0].startswith("skip connection x1 → y (layer 0 to layer 2) and 1 more")
    assert check(skip, layered_exercise(False)).passed
    assert check(load_exercise("xor").solutions[0], layered_exercise()).passed


def test_the_skip_message_cuts_ids_at_20_characters():
    long = "y" * 21
    skip = network(
        "s", ["x1", "x2"], [("h", "step", -1.5, {"x1": 1.0}), (long, "step", -0.5, {"x1": 1.0, "h": 1.0})], [long]
    )
    [violation] = check(skip, layered_exercise()).violations
    assert violation.message.startswith(f"skip connection x1 → {'y' * 19}… (layer 0 to layer 2): ")
    skip = network(
        "s", ["x1", "x2"], [("h", "step", -1.5, {"x1": 1.0}), (long[:20], "step", -0.5, {"x1": 1, "h": 1})], [long[:20]]
    )
    [violation] = check(skip, layered_exercise()).violations
    assert violation.message.startswith(f"skip connection x1 → {'y' * 20} (layer 0 to layer 2): ")


def test_layered_must_be_a_flag():
    doc = xor_doc()
    doc["constraints"] = {"layerd": True}
    with pytest.raises(ValueError, match="did you mean 'layered'"):
        parse_exercise(json.dumps(doc))
    doc["constraints"] = {"layered": "yes"}
    with pytest.raises(ValueError, match="constraints.layered: expected true or false"):
        parse_exercise(json.dumps(doc))
