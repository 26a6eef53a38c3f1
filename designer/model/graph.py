"""Graph questions about a network: evaluation order, depth levels, cycles."""

from __future__ import annotations

from collections import defaultdict, deque

from designer.model.network import Network

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs every command's start (issue 14): only the type checker reads it
    from collections.abc import Callable, Iterable


def _adjacency(network: Network) -> dict[str, list[str]]:
    succ: dict[str, list[str]] = defaultdict(list)
    for c in network.connections.values():
        succ[c.source].append(c.target)
    return succ


def find_cycle(network: Network) -> list[str] | None:
    """Return the nodes of one cycle (first node repeated at the end), or None."""
    succ = _adjacency(network)
    colour: dict[str, int] = {}  # 0/absent: new, 1: on stack, 2: done
    nodes = list(dict.fromkeys([*network.node_ids(), *succ]))
    for root in nodes:
        if colour.get(root):
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                colour[node] = 1
                path.append(node)
            children = succ.get(node, [])
            if i < len(children):
                stack.append((node, i + 1))
                child = children[i]
                state = colour.get(child, 0)
                if state == 1:
                    return path[path.index(child) :] + [child]
                if state == 0:
                    stack.append((child, 0))
            else:
                colour[node] = 2
                path.pop()
    return None


def _reach(start: str, step: Callable[[str], Iterable[str]]) -> set[str]:
    """Every node reachable from ``start`` along ``step`` (``start`` left out unless on a cycle)."""
    seen: set[str] = set()
    queue = deque([start])
    while queue:
        for nxt in step(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def connectable(network: Network, node_id: str) -> tuple[list[str], list[str]]:
    """(the nodes ``node_id`` may feed, the nodes that may feed it), in the network's node order, by the
    rules of ``connection_refusal``: no input or feature as target, no duplicate, no cycle. One walk each
    way over the link index: asking the cycle check once per node froze a node's menu 24 s on 4,000
    nodes, and building the walks' tables read every link of the network for each menu opened (109,184
    of a 784-128-64-10 net). The walks read the links of the node and of the nodes it reaches, once each."""
    downstream = _reach(node_id, network.successors)
    upstream = _reach(node_id, network.predecessors)
    feeds, fed_by = set(network.successors(node_id)), set(network.predecessors(node_id))
    targets = [n for n in network.neurons if n != node_id and n not in upstream and n not in feeds]
    sources = []
    if node_id in network.neurons:
        sources = [n for n in network.node_ids() if n != node_id and n not in downstream and n not in fed_by]
    return targets, sources


def would_create_cycle(network: Network, source: str, target: str) -> bool:
    """True if adding source→target closes a cycle (target already reaches source)."""
    if source == target:
        return True
    seen = {target}
    queue = deque([target])
    while queue:
        node = queue.popleft()
        for nxt in network.successors(node):
            if nxt == source:
                return True
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def levels(network: Network) -> dict[str, int]:
    """Depth of every node: inputs and features 0, a neuron 1 + the deepest of its sources.

    Assumes a valid acyclic network. Neurons without inputs sit at level 1.
    """
    pred: dict[str, list[str]] = defaultdict(list)
    for c in network.connections.values():
        pred[c.target].append(c.source)
    sources = [*network.inputs, *network.features]
    depth: dict[str, int] = dict.fromkeys(sources, 0)
    indegree = {n: len(pred[n]) for n in network.neurons}
    succ = _adjacency(network)
    ready = deque(n for n in network.neurons if indegree[n] == 0)
    for i in sources:
        for t in succ.get(i, []):
            if t in indegree:
                indegree[t] -= 1
                if indegree[t] == 0:
                    ready.append(t)
    while ready:
        node = ready.popleft()
        depth[node] = 1 + max((depth[p] for p in pred[node]), default=0)
        for t in succ.get(node, []):
            if t in indegree:
                indegree[t] -= 1
                if indegree[t] == 0:
                    ready.append(t)
    return depth


def topological_order(network: Network) -> list[str]:
    """Neurons in an order where every source comes before its targets."""
    depth = levels(network)
    order = {n: i for i, n in enumerate(network.neurons)}
    return sorted(network.neurons, key=lambda n: (depth[n], order[n]))


def layers(network: Network) -> list[list[str]]:
    """Neuron ids grouped by level (level 1 first), each in model order."""
    depth = levels(network)
    grouped: dict[int, list[str]] = defaultdict(list)
    for n in network.neurons:
        grouped[depth[n]].append(n)
    return [grouped[d] for d in sorted(grouped)]


def is_fully_layered(network: Network) -> bool:
    """True if each level only reads the level below it and is fully connected to it (level 0: inputs and features).

    One pass over the connections (a level's own set rebuilt per connection made a chain of
    10,000 neurons take seconds): every connection must come from the level below its target's,
    and a level has exactly one connection per (source below, neuron) pair when it is complete.
    """
    depth = levels(network)
    size: dict[int, int] = defaultdict(int)
    for d in depth.values():
        size[d] += 1
    incoming: dict[int, int] = defaultdict(int)
    for c in network.connections.values():
        d = depth.get(c.target)
        if d is None or depth.get(c.source) != d - 1:
            return False
        incoming[d] += 1
    return all(incoming[d] == size.get(d - 1, 0) * count for d, count in size.items() if d > 0)
