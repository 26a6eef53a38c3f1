"""A lesson step's actions, done in order as the step opens (train, restarts, forward, backward,
collapse, select, landscape): each checked against the step's network as the lesson is read."""

from __future__ import annotations

from typing import Any

from designer.engine import EngineError, compile_network
from designer.engine.landscape import Parameter, parameter_index
from designer.exercises.strict import StrictObject, finite_number
from designer.export.collapse import collapsible_neurons
from designer.lessons.lesson import ACTIONS, MAX_ACTIONS, Action, LessonError
from designer.model import Network
from designer.model.fileformat import type_name
from designer.model.jsonread import clipped

MAX_EPOCHS = 100_000
MAX_RUNS = 50


def step_actions(raw: Any, where: str, network: Network) -> tuple[Action, ...]:
    """One action, or a list of up to MAX_ACTIONS done in order."""
    if not isinstance(raw, list):
        return (_action(raw, where, network),)
    if not 1 <= len(raw) <= MAX_ACTIONS:
        raise LessonError(f"{where}: give 1 to {MAX_ACTIONS} actions")
    return tuple(_action(item, f"{where}[{k}]", network) for k, item in enumerate(raw))


def _action(raw: Any, where: str, network: Network) -> Action:
    kind = raw.get("kind") if isinstance(raw, dict) else None
    if kind not in ACTIONS:
        shown = kind[:40] if isinstance(kind, str) else type_name(kind)
        raise LessonError(f"{where}.kind: expected one of {', '.join(ACTIONS)}, got '{shown}'")
    if kind == "train":
        r = StrictObject(raw, where, ("kind", "epochs"))
        return Action(kind, epochs=r.integer("epochs", None, 1, MAX_EPOCHS))
    if kind == "restarts":
        r = StrictObject(raw, where, ("kind", "runs", "epochs"))
        runs = r.integer("runs", None, 2, MAX_RUNS)
        return Action(kind, epochs=r.integer("epochs", None, 1, MAX_EPOCHS), runs=runs)
    if kind in ("forward", "backward"):
        r = StrictObject(raw, where, ("kind",), ("point",))
        return Action(kind, point=_point(r, network) if r.has("point") else None)
    if kind == "collapse":
        StrictObject(raw, where, ("kind",))
        if not collapsible_neurons(network):
            raise LessonError(f"{where}: the step's network has no hidden linear neurons to collapse")
        return Action(kind)
    if kind == "select":
        r = StrictObject(raw, where, ("kind", "neuron"))
        neuron = r.text("neuron", 200)
        if neuron not in network.neurons:
            raise LessonError(f"{r.at('neuron')}: '{clipped(neuron, 40)}' is not a neuron of the step's network")
        return Action(kind, neuron=neuron)
    r = StrictObject(raw, where, ("kind", "parameters"), ("ranges",))
    parameters = _parameters(r, network)
    return Action(kind, parameters=parameters, ranges=_ranges(r, len(parameters)) if r.has("ranges") else None)


def _point(r: StrictObject, network: Network) -> tuple[float, ...]:
    raw = r.raw("point")
    n = len(network.inputs)
    if not isinstance(raw, list) or len(raw) != n:
        raise LessonError(f"{r.at('point')}: expected a list of {n} numbers, one per input")
    return tuple(finite_number(v, r.at("point")) for v in raw)


def _parameters(r: StrictObject, network: Network) -> tuple[str, ...]:
    names = r.items("parameters", 2)
    compiled = compile_network(network)
    for k, name in enumerate(names):
        where = f"{r.at('parameters')}[{k}]"
        try:
            parameter_index(compiled, Parameter.parse(name))
        except (ValueError, EngineError) as exc:
            raise LessonError(f"{where}: {exc}") from None
    if len(set(names)) != len(names):
        raise LessonError(f"{r.at('parameters')}: the two parameters must differ")
    return tuple(names)


def _ranges(r: StrictObject, count: int) -> tuple[tuple[float, float], ...]:
    raw = r.raw("ranges")
    if not isinstance(raw, list) or len(raw) != count:
        raise LessonError(f"{r.at('ranges')}: expected one [low, high] per parameter")
    found = []
    for k, pair in enumerate(raw):
        where = f"{r.at('ranges')}[{k}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise LessonError(f"{where}: expected [low, high]")
        low, high = (finite_number(v, where) for v in pair)
        if not low < high:
            raise LessonError(f"{where}: low must be below high")
        found.append((low, high))
    return tuple(found)
