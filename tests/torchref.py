"""PyTorch as a second, independent reference: the same network in autograd, the same losses.

torch is optional for users, so tests without it skip, except where CI asks for it:
with ``NN_DESIGNER_REQUIRE_TORCH=1`` (set by .ci/run) a missing torch is a failure, never a skip.
"""

from __future__ import annotations

import os

import pytest

REQUIRE_ENV = "NN_DESIGNER_REQUIRE_TORCH"


def require_torch():
    """The torch module; a skip where it is missing, a failure if ``NN_DESIGNER_REQUIRE_TORCH=1``."""
    if os.environ.get(REQUIRE_ENV) == "1":
        try:
            import torch
        except ImportError as exc:
            pytest.fail(f"{REQUIRE_ENV}=1 but torch cannot be imported: {exc}", pytrace=False)
        return torch
    return pytest.importorskip("torch")


def activation(name: str):
    torch = require_torch()
    return {
        "linear": lambda z: z,
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "step": lambda z: (z >= 0).to(z.dtype),  # step(0) = 1, no gradient
    }[name]


class TorchNetwork:
    """A model Network as float64 torch parameters (one scalar per weight and bias)."""

    def __init__(self, net) -> None:
        torch = require_torch()
        from designer.model.graph import topological_order

        self.torch = torch
        self.net = net
        self.order = topological_order(net)
        t = torch.float64
        self.params = {k: torch.tensor(c.weight, dtype=t, requires_grad=True) for k, c in net.connections.items()}
        self.params.update({n: torch.tensor(v.bias, dtype=t, requires_grad=True) for n, v in net.neurons.items()})

    def outputs(self, x):
        """Network outputs (N, n_outputs), softmax applied when the network has it."""
        torch = self.torch
        xt = torch.as_tensor(x, dtype=torch.float64)
        value = {nid: xt[:, i] for i, nid in enumerate(self.net.inputs)}
        for nid in self.order:
            z = self.params[nid] + sum(self.params[c.key] * value[c.source] for c in self.net.incoming(nid))
            value[nid] = activation(self.net.neurons[nid].activation)(z * torch.ones(len(xt), dtype=torch.float64))
        out = torch.stack([value[o] for o in self.net.outputs], dim=1)
        return torch.softmax(out, dim=1) if self.net.softmax else out

    def data_loss(self, x, y, loss: str):
        torch = self.torch
        target = torch.as_tensor(y, dtype=torch.float64)
        if self.net.softmax and loss == "cross_entropy":
            raw = self.outputs_before_softmax(x)
            return -(target * torch.log_softmax(raw, dim=1)).sum(dim=1).mean()
        p = self.outputs(x)
        if loss == "cross_entropy":
            return torch.nn.functional.binary_cross_entropy(p, target)
        squared = (p - target) ** 2
        return squared.mean() if loss == "mse" else squared.sum()

    def outputs_before_softmax(self, x):
        softmax, self.net.softmax = self.net.softmax, False
        try:
            return self.outputs(x)
        finally:
            self.net.softmax = softmax

    def objective(self, x, y, loss: str, l1: float = 0.0, l2: float = 0.0):
        """Data loss + λ₁·Σ|w| + λ₂/2·Σw² over the trainable weights."""
        value = self.data_loss(x, y, loss)
        for key, c in self.net.connections.items():
            if c.trainable:
                w = self.params[key]
                value = value + l1 * w.abs() + l2 / 2 * w * w
        return value

    def trainable(self) -> list:
        net = self.net
        return [
            p
            for k, p in self.params.items()
            if (net.connections[k].trainable if isinstance(k, tuple) else net.neurons[k].trainable)
        ]

    def gradients(self, x, y, loss: str, l1: float = 0.0, l2: float = 0.0) -> tuple[float, dict]:
        value = self.objective(x, y, loss, l1, l2)
        value.backward()
        return float(self.data_loss(x, y, loss).detach()), {
            k: 0.0 if p.grad is None else float(p.grad) for k, p in self.params.items()
        }

    def train(self, x, y, loss: str, optimizer: str, lr: float, steps: int, l1=0.0, l2=0.0, momentum=0.9) -> list:
        """Parameter values after each of ``steps`` full-batch steps of the torch optimiser."""
        torch = self.torch
        params = self.trainable()
        opt = {
            "sgd": lambda: torch.optim.SGD(params, lr=lr),
            "momentum": lambda: torch.optim.SGD(params, lr=lr, momentum=momentum),
            "adam": lambda: torch.optim.Adam(params, lr=lr),
        }[optimizer]()
        states = []
        for _ in range(steps):
            opt.zero_grad()
            self.objective(x, y, loss, l1, l2).backward()
            opt.step()
            states.append({k: float(p.detach()) for k, p in self.params.items()})
        return states
