"""Read exercise files strictly: every fault is one :class:`ExerciseError` line naming the place.

Unknown keys are errors (with a "did you mean" for typos), so a teacher's misspelt
``max_hiden`` is caught instead of silently ignored.
"""

from __future__ import annotations

import math
import os
import re
from typing import TYPE_CHECKING, Any

from designer.exercises.exercise import (
    EXERCISE_FORMAT,
    EXERCISE_VERSION,
    GROUPS,
    RULES,
    TARGET_KINDS,
    Constraints,
    DatasetSpec,
    Exercise,
    ExerciseError,
    InputSpec,
    PassRule,
    Sample,
    Target,
)
from designer.exercises.expressions import ExpressionError, compile_expression
from designer.exercises.strict import StrictObject as _Obj
from designer.exercises.strict import check_header, hint_list
from designer.exercises.strict import finite_number as _finite
from designer.exercises.targets import MAX_POINTS, build_cases
from designer.model import FormatError, InputNode, Network
from designer.model.fileformat import network_from_document, parse_json, read_file_bytes, type_name
from designer.model.jsonread import clipped
from designer.model.safefile import naming_the_file

if TYPE_CHECKING:
    from designer.exercises.chainrule import ChainRuleExercise

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
INPUT_ID_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_ID = 64
MAX_ROWS = 4096
MAX_SOLUTIONS = 20

_TOP_REQUIRED = (
    "format",
    "version",
    "id",
    "title",
    "group",
    "prompt",
    "inputs",
    "target",
    "pass",
    "constraints",
    "solutions",
)
_TOP_OPTIONAL = ("hints", "solutions_visible", "starter", "given")


# ----------------------------------------------------------------- sections
def _inputs(top: _Obj) -> tuple[InputSpec, ...]:
    specs: list[InputSpec] = []
    for i, raw in enumerate(top.items("inputs", 16)):
        r = _Obj(raw, f"inputs[{i}]", ("id", "range"), ("label",))
        node_id = r.text("id", MAX_ID)
        if not INPUT_ID_PATTERN.fullmatch(node_id):
            raise ExerciseError(f"inputs[{i}].id: '{clipped(node_id, 40)}' must be a name like x1 (letters, digits, _)")
        if any(spec.id == node_id for spec in specs):
            raise ExerciseError(f"inputs[{i}].id: duplicate input id '{node_id}'")
        bounds = r.raw("range")
        if not isinstance(bounds, list) or len(bounds) != 2:
            raise ExerciseError(f"inputs[{i}].range: expected [low, high]")
        low, high = (_finite(v, f"inputs[{i}].range") for v in bounds)
        if not low < high:
            raise ExerciseError(f"inputs[{i}].range: low must be below high, got [{low:g}, {high:g}]")
        if not math.isfinite(high - low):  # samples low + (high − low)·u, grids, plots would be inf or NaN
            raise ExerciseError(
                f"inputs[{i}].range: [{low:g}, {high:g}] is too wide (high − low is not a finite number)"
            )
        label = r.text("label", MAX_ID) if r.has("label") else None
        specs.append(InputSpec(node_id, low, high, label))
    return tuple(specs)


def _expressions(r: _Obj, ids: list[str]) -> tuple[str, ...]:
    raw = r.raw("expression")
    texts = raw if isinstance(raw, list) else [raw]
    if not texts or len(texts) > 16 or not all(isinstance(t, str) for t in texts):
        raise ExerciseError(f"{r.at('expression')}: expected a string (or a list of strings, one per output)")
    for j, text in enumerate(texts):
        where = r.at("expression") + (f"[{j}]" if isinstance(raw, list) else "")
        try:
            compile_expression(text, ids)
        except ExpressionError as exc:
            raise ExerciseError(f"{where}: {exc}") from None
    return tuple(texts)


def _sample(r: _Obj, ids: list[str], region: bool) -> Sample:
    s = _Obj(r.raw("sample"), r.at("sample"), (), ("grid", "random", "seed", "points", "margin", "exclude"))
    sources = [k for k in ("grid", "random", "points") if s.has(k)]
    if len(sources) != 1:
        raise ExerciseError(f"{s.path}: give exactly one of grid, random, points")
    points: list[tuple[float, ...]] = []
    if s.has("points"):
        for i, p in enumerate(s.items("points", MAX_POINTS)):
            if not isinstance(p, list) or len(p) != len(ids):
                raise ExerciseError(f"{s.at('points')}[{i}]: expected a list of {len(ids)} numbers")
            points.append(tuple(_finite(v, f"{s.at('points')}[{i}]") for v in p))
    if s.has("margin") and not region:
        raise ExerciseError(f"{s.at('margin')}: only regions have a margin (use exclude for other targets)")
    exclude = s.text("exclude", 2000) if s.has("exclude") else None
    if exclude is not None:
        try:
            compile_expression(exclude, ids)
        except ExpressionError as exc:
            raise ExerciseError(f"{s.at('exclude')}: {exc}") from None
    return Sample(
        grid=s.integer("grid", None, 2, MAX_POINTS),
        random=s.integer("random", None, 1, MAX_POINTS),
        seed=s.integer("seed", 0, 0, 2**32 - 1) or 0,
        points=tuple(points),
        margin=s.number("margin", 0.0, 0.0),
        exclude=exclude,
    )


def _truth_rows(r: _Obj, n_inputs: int) -> tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]:
    rows: list[tuple[tuple[float, ...], tuple[float, ...]]] = []
    first: dict[tuple[float, ...], int] = {}  # the row where each input combination first appears
    for i, raw in enumerate(r.items("rows", MAX_ROWS)):
        row = _Obj(raw, f"{r.at('rows')}[{i}]", ("inputs", "output"))
        values = row.raw("inputs")
        if not isinstance(values, list) or len(values) != n_inputs:
            raise ExerciseError(f"{row.at('inputs')}: expected {n_inputs} numbers, one per input")
        out = row.raw("output")
        outs = out if isinstance(out, list) else [out]
        if not outs or (rows and len(outs) != len(rows[0][1])):
            raise ExerciseError(f"{row.at('output')}: every row needs the same number of outputs")
        rows.append(
            (tuple(_finite(v, row.at("inputs")) for v in values), tuple(_finite(v, row.at("output")) for v in outs))
        )
        _no_contradiction(rows, first.setdefault(rows[-1][0], i), r.at("rows"))
    return tuple(rows)


def _no_contradiction(rows: list[tuple[tuple[float, ...], tuple[float, ...]]], earlier: int, where: str) -> None:
    """The last row may repeat an earlier row's inputs only with its output: no network gives two outputs
    for one input (the exercise could never be passed, and its verify named a reference solution wrong)."""
    (inputs, output), (_, expected) = rows[-1], rows[earlier]
    if output != expected:
        shown = ", ".join(f"{v:g}" for v in inputs)
        raise ExerciseError(
            f"{where}[{len(rows) - 1}]: inputs [{shown}] are those of {where}[{earlier}] with another output "
            f"({', '.join(f'{v:g}' for v in output)}, not {', '.join(f'{v:g}' for v in expected)})"
        )


def _target(top: _Obj, inputs: tuple[InputSpec, ...]) -> Target:
    raw = top.raw("target")
    kind = raw.get("kind") if isinstance(raw, dict) else None
    if kind not in TARGET_KINDS:
        shown = kind[:40] if isinstance(kind, str) else type_name(kind)
        raise ExerciseError(f"target.kind: expected one of {', '.join(TARGET_KINDS)}, got '{shown}'")
    ids = [spec.id for spec in inputs]
    if kind == "truth_table":
        r = _Obj(raw, "target", ("kind", "rows"))
        return Target(kind, rows=_truth_rows(r, len(ids)))
    if kind in ("function", "region"):
        r = _Obj(raw, "target", ("kind", "expression", "sample"))
        return Target(kind, expressions=_expressions(r, ids), sample=_sample(r, ids, kind == "region"))
    if kind == "network":
        r = _Obj(raw, "target", ("kind", "sample"))
        return Target(kind, sample=_sample(r, ids, False))
    r = _Obj(raw, "target", ("kind", "name"), ("points", "noise", "seed", "train_ratio", "split"))
    split = r.text("split", 10, "test")
    if split not in ("test", "train", "all"):
        raise ExerciseError(f"target.split: expected test, train or all, got '{clipped(split, 20)}'")
    spec = DatasetSpec(
        name=r.text("name", 100),
        points=r.integer("points", 500, 1, MAX_POINTS) or 500,
        noise=r.number("noise", 0.0, 0.0, 0.5),
        seed=r.integer("seed", 0, 0, 2**32 - 1) or 0,
        train_ratio=r.number("train_ratio", 0.5, 0.01, 1.0),
        split=split,
    )
    return Target(kind, dataset=spec)


def _rule(top: _Obj) -> PassRule:
    raw = top.raw("pass")
    rule = raw.get("rule") if isinstance(raw, dict) else None
    if rule not in RULES:
        shown = rule[:40] if isinstance(rule, str) else type_name(rule)
        raise ExerciseError(f"pass.rule: expected one of {', '.join(RULES)}, got '{shown}'")
    if rule == "classify":
        r = _Obj(raw, "pass", ("rule",), ("threshold", "min_accuracy"))
        return PassRule(rule, threshold=r.number("threshold", 0.5), min_accuracy=r.number("min_accuracy", 1.0, 0, 1))
    r = _Obj(raw, "pass", ("rule", "tolerance"), ("step_only_tolerance",))
    step_only = r.number("step_only_tolerance", 0.0, 0.0) if r.has("step_only_tolerance") else None
    return PassRule(rule, tolerance=r.number("tolerance", 0.0, 0.0), step_only_tolerance=step_only)


def _constraints(top: _Obj) -> Constraints:
    keys = ("hidden_activations", "output_activations", "max_hidden", "max_depth", "max_first_layer", "max_features")
    r = _Obj(top.raw("constraints"), "constraints", (), (*keys, "layered", "training_allowed"))
    return Constraints(
        hidden_activations=r.activations("hidden_activations"),
        output_activations=r.activations("output_activations"),
        max_hidden=r.integer("max_hidden", None, 0, nullable=True),
        max_depth=r.integer("max_depth", None, 1, nullable=True),
        max_first_layer=r.integer("max_first_layer", None, 1, nullable=True),
        layered=r.flag("layered", False),
        max_features=None
        if r.has("max_features") and r.raw("max_features") is None
        else r.integer("max_features", 0, 0),
        training_allowed=r.flag("training_allowed", False),
    )


def _network(raw: Any, where: str, ids: list[str]) -> Network:
    try:
        network = network_from_document(raw)
    except FormatError as exc:
        raise ExerciseError(f"{where}: {exc}") from None
    if sorted(network.inputs) != sorted(ids):
        have = ", ".join(network.inputs) or "none"
        raise ExerciseError(f"{where}: its inputs ({have}) must be the exercise's inputs ({', '.join(ids)})")
    return network


# --------------------------------------------------------------------- entry
#: Top-level keys only a chain-rule drill has ("network" is not one: a design's "given" misnamed is
#: no drill): a file holding them but no "kind" is a drill whose "kind" was left out.
_DRILL_KEYS = ("sample", "loss", "asked")


def _not_a_drill_without_its_kind(doc: dict[str, Any]) -> None:
    """A drill written without ``"kind": "chain_rule"`` is read as a design: its first fault was
    ``network: unknown key (allowed: …)``, which did not say what was missing."""
    drill_keys = [key for key in _DRILL_KEYS if key in doc]
    if drill_keys:
        raise ExerciseError(
            f'kind: missing: {", ".join(drill_keys)} belong to a chain-rule exercise; add "kind": "chain_rule" '
            '(a network design has no "kind")'
        )


def exercise_from_document(doc: Any, source: str | None = None) -> Exercise | ChainRuleExercise:
    """A parsed JSON document to an Exercise (raises ExerciseError, one line)."""
    check_header(doc, EXERCISE_FORMAT, EXERCISE_VERSION, "exercise")
    if "kind" in doc:
        return _other_kind(doc, source)
    _not_a_drill_without_its_kind(doc)
    top = _Obj(doc, "", _TOP_REQUIRED, _TOP_OPTIONAL)
    exercise_id = top.text("id", MAX_ID)
    if not ID_PATTERN.fullmatch(exercise_id):
        raise ExerciseError(f"id: '{clipped(exercise_id, 40)}' must be lower-case letters and digits joined by '-'")
    group = top.text("group", 100)
    if group not in GROUPS:
        raise ExerciseError(f"group: expected one of {', '.join(GROUPS)}, got '{clipped(group, 40)}'")
    inputs = _inputs(top)
    ids = [spec.id for spec in inputs]
    target = _target(top, inputs)
    given = _network(top.raw("given"), "given", ids) if top.has("given") else None
    if target.kind == "network" and given is None:
        raise ExerciseError('target: kind "network" needs the "given" network')
    solutions = [_network(raw, f"solutions[{i}]", ids) for i, raw in enumerate(top.items("solutions", MAX_SOLUTIONS))]
    starter = _network(top.raw("starter"), "starter", ids) if top.has("starter") else _empty_starter(inputs)
    hints = hint_list(top)
    return Exercise(
        id=exercise_id,
        title=top.text("title", 200),
        group=group,
        prompt=top.text("prompt"),
        inputs=inputs,
        target=target,
        rule=_rule(top),
        constraints=_constraints(top),
        starter=starter,
        solutions=solutions,
        cases=build_cases(inputs, target, given),
        hints=hints,
        solutions_visible=top.flag("solutions_visible", True),
        given=given,
        source=source,
    )


def _other_kind(doc: dict[str, Any], source: str | None) -> ChainRuleExercise:
    """Exercises that are not network designs say their ``kind`` (today: ``chain_rule``)."""
    from designer.exercises.chainrule import KIND, chain_rule_from_document  # it builds on this module

    kind = doc["kind"]
    if kind != KIND:
        shown = kind[:40] if isinstance(kind, str) else type_name(kind)
        raise ExerciseError(f"kind: expected \"{KIND}\" (or no kind for a network design), got '{shown}'")
    return chain_rule_from_document(doc, source)


def _empty_starter(inputs: tuple[InputSpec, ...]) -> Network:
    network = Network(name="start")
    for i, spec in enumerate(inputs):
        network.inputs[spec.id] = InputNode(spec.id, spec.label, position=(0.0, 120.0 * i))
    return network


def parse_exercise(data: bytes | str, source: str | None = None) -> Exercise | ChainRuleExercise:
    return exercise_from_document(parse_json(data), source)


def load_exercise_file(path: str | os.PathLike[str]) -> Exercise | ChainRuleExercise:
    """Read an exercise file; errors name the file: ``PATH: solutions[0]: …``."""
    try:
        return parse_exercise(read_file_bytes(path), os.fspath(path))
    except FormatError as exc:
        raise ExerciseError(naming_the_file(path, exc)) from None
