"""Linear collapse in float64: a network's links without its chosen linear neurons, as products of the
weight matrices of their levels (one product per pair of levels, never a loop per neuron).

A chosen neuron h computes z_h = b_h + Σ w_sh·s over kept nodes s and chosen ones before it. Grouped by
level (a chosen neuron's level is one more than that of the chosen neurons it reads), the kept nodes'
effect on level d is E_d = W_{K,d} + Σ_{d'<d} E_{d'} W_{d',d}, and its constant c_d = b_d + Σ c_{d'} W_{d',d}.
A neuron that reads chosen ones then gets W_{K,t} + Σ_d E_d W_{d,t} and b_t + Σ_d c_d W_{d,t}; a chosen
output is kept with E and c as its links and bias. Next to the values, the same products of 0/1 matrices
say where a path exists: a link is made there even when the products cancel or underflow (150 layers of
weights near 1e-300 give 0.0, yet the collapsed network keeps its links, as exact arithmetic does).

:func:`plan` counts the multiply-adds and the numbers held before any of them is done, so a caller can
refuse a collapse too large (``designer.export.collapse``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from designer.model.network import Network


@dataclass(frozen=True)
class Plan:
    """The levels of the chosen neurons and what their products cost."""

    rows: list[str]  # kept nodes that feed a chosen neuron or a reader
    levels: list[list[str]]  # chosen neurons, level by level, each in evaluation order
    readers: list[str]  # kept neurons that read a chosen neuron
    chosen_outputs: list[str]  # chosen neurons that stay (outputs), their links replaced
    pairs: list[tuple[int, int]]  # (level a, level b): a chosen neuron of level a feeds one of level b
    feeding_readers: list[int]  # levels with a link into a reader
    work: int  # multiply-adds of the products (values and paths each)
    held: int  # numbers held at once, at most (all the blocks and the result; 16 bytes each)


@dataclass(frozen=True)
class Collapsed:
    """The new incoming links of every target (rows × targets): ``linked`` says where a link is, ``weights``
    its value, ``through`` where a path through a chosen neuron made or changed it; ``biases`` the targets'
    new biases. Targets: ``plan.readers`` then ``plan.chosen_outputs``."""

    plan: Plan
    targets: list[str]
    weights: np.ndarray
    linked: np.ndarray
    through: np.ndarray
    biases: np.ndarray


def plan(network: Network, chosen: list[str]) -> Plan:
    """Where the chosen neurons (given in evaluation order) sit and what collapsing them costs (no
    arithmetic yet)."""
    level = dict.fromkeys(chosen, 0)
    position = {n: i for i, n in enumerate(level)}
    links = ((s, t) for s, t in network.connections if s in level and t in level)
    between = sorted(links, key=lambda link: position[link[1]])
    for s, t in between:  # by target in evaluation order: a source's level is final when it is read
        level[t] = max(level[t], level[s] + 1)
    levels: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for n, d in level.items():
        levels[d].append(n)
    readers = list(dict.fromkeys(t for s, t in network.connections if s in level and t not in level))
    reader_set = set(readers)
    rows = list(dict.fromkeys(s for s, t in network.connections if s not in level and (t in level or t in reader_set)))
    pairs = sorted({(level[s], level[t]) for s, t in between})
    feeding = sorted({level[s] for s, t in network.connections if s in level and t in reader_set})
    sizes = [len(group) for group in levels]
    work = sum(len(rows) * sizes[a] * sizes[b] for a, b in pairs)
    work += sum(len(rows) * sizes[d] * len(readers) for d in feeding)
    outputs = [n for n in network.outputs if n in level]
    held = len(rows) * (len(level) + len(readers) + len(outputs))  # 16 bytes each
    held += sum(sizes[a] * sizes[b] for a, b in pairs) + sum(sizes[d] * len(readers) for d in feeding)
    return Plan(rows, levels, readers, outputs, pairs, feeding, work, held)


def collapse(network: Network, the_plan: Plan) -> Collapsed:
    """The products of :func:`plan`: values in float64, paths in float32 (clipped to 1 after every level,
    so path counts never grow)."""
    sizes = [len(group) for group in the_plan.levels]
    shape = len(the_plan.rows), len(the_plan.readers)
    entry = [_Pair((shape[0], size)) for size in sizes]  # E_d: the kept rows into level d
    between = {pair: _Pair((sizes[pair[0]], sizes[pair[1]])) for pair in the_plan.pairs}
    to_readers = {d: _Pair((sizes[d], shape[1])) for d in the_plan.feeding_readers}
    result = _Pair(shape)
    readers = len(sizes)  # the "level" of the readers, after the chosen ones

    def block(source_level: int, target_level: int) -> _Pair:
        """The block of links from a level (-1: the kept rows) into a level (``readers``: the readers)."""
        if target_level == readers:
            return result if source_level < 0 else to_readers[source_level]
        return entry[target_level] if source_level < 0 else between[(source_level, target_level)]

    for (source_level, target_level), i, j, weights in _links_by_block(network, the_plan):
        block(source_level, target_level).set_links(i, j, weights)
    bias = [np.array([network.neurons[n].bias for n in group], dtype=np.float64) for group in the_plan.levels]
    reader_bias = np.array([network.neurons[n].bias for n in the_plan.readers], dtype=np.float64)
    with np.errstate(all="ignore"):  # too large: inf or nan, which the caller refuses
        for a, d in the_plan.pairs:  # sorted by a: every E_a is complete before it is used
            entry[d].add_product(entry[a], between[(a, d)])
            bias[d] = bias[d] + bias[a] @ between[(a, d)].values
        for d in the_plan.feeding_readers:
            result.add_product(entry[d], to_readers[d])
            reader_bias = reader_bias + bias[d] @ to_readers[d].values
    where = {n: (d, j) for d, group in enumerate(the_plan.levels) for j, n in enumerate(group)}
    outputs = [where[n] for n in the_plan.chosen_outputs]
    weights = np.column_stack([result.values, *(entry[d].values[:, j] for d, j in outputs)])
    linked = np.column_stack([result.links, *(entry[d].links[:, j] for d, j in outputs)]) > 0
    through = np.column_stack([result.via, *(entry[d].via[:, j] for d, j in outputs)]) > 0
    biases = np.concatenate([reader_bias, [bias[d][j] for d, j in outputs]])
    return Collapsed(the_plan, [*the_plan.readers, *the_plan.chosen_outputs], weights, linked, through, biases)


def _links_by_block(
    network: Network, the_plan: Plan
) -> Iterator[tuple[tuple[int, int], np.ndarray, np.ndarray, np.ndarray]]:
    """The links into chosen neurons and readers, grouped by block: ((source level or -1 for a kept row,
    target level or ``len(levels)`` for a reader), rows, columns, weights). One pass of dictionary look-ups
    over the links, the grouping in numpy (a loop per link and block took 0.3 s of 0.45 at 177,000 links)."""
    level = {n: d for d, group in enumerate(the_plan.levels) for n in group}
    place = {n: j for group in the_plan.levels for j, n in enumerate(group)}
    source_index = {**place, **{n: i for i, n in enumerate(the_plan.rows)}}
    target_index = {**place, **{n: j for j, n in enumerate(the_plan.readers)}}
    readers = len(the_plan.levels)
    count = len(network.connections)
    keys = network.connections.keys()
    target = np.fromiter((target_index.get(t, -1) for _, t in keys), np.int64, count)
    source = np.fromiter((source_index.get(s, -1) for s, _ in keys), np.int64, count)
    source_level = np.fromiter((level.get(s, -1) for s, _ in keys), np.int64, count)
    target_level = np.fromiter((level.get(t, readers) for _, t in keys), np.int64, count)
    weights = np.fromiter((c.weight for c in network.connections.values()), np.float64, count)
    wanted = np.flatnonzero(target >= 0)  # into a chosen neuron or a reader (its sources are rows or chosen)
    code = (source_level[wanted] + 1) * (readers + 1) + target_level[wanted]
    order = np.argsort(code, kind="stable")
    wanted, code = wanted[order], code[order]
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    for start, end in zip(starts, [*starts[1:], len(code)], strict=True):
        links = wanted[start:end]
        pair = (int(code[start]) // (readers + 1) - 1, int(code[start]) % (readers + 1))
        yield pair, source[links], target[links], weights[links]


class _Pair:
    """A block of weights (float64) beside where its links are (float32, 0 or 1), and where a path through a
    chosen neuron made or changed one (``via``: those become trainable)."""

    def __init__(self, shape: tuple[int, int]) -> None:
        self.values = np.zeros(shape)
        self.links = np.zeros(shape, dtype=np.float32)
        self.via = np.zeros(shape, dtype=np.float32)

    def set_links(self, i: np.ndarray, j: np.ndarray, weights: np.ndarray) -> None:
        """The network's links at (i, j), all at once."""
        self.values[i, j] = weights
        self.links[i, j] = 1.0

    def add_product(self, left: _Pair, right: _Pair) -> None:
        """self += left · right, for values and for paths."""
        self.values += left.values @ right.values
        self.via += left.links @ right.links
        np.minimum(self.via, 1.0, out=self.via)
        np.maximum(self.links, self.via, out=self.links)
