"""Optimisers over the flat parameter vector (a few array passes per step)."""

from __future__ import annotations

import math

import numpy as np

OPTIMIZERS: tuple[str, ...] = ("sgd", "momentum", "adam")


class Optimizer:
    """Turns a (masked) gradient into an update, in place: ``grad`` becomes the step to subtract."""

    def __init__(self, size: int, dtype: np.dtype) -> None:
        self.size = size
        self.dtype = dtype

    def step_direction(self, grad: np.ndarray, lr: float) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget accumulated state (after a divergence or a re-randomisation)."""


class SGD(Optimizer):
    def step_direction(self, grad: np.ndarray, lr: float) -> None:
        grad *= lr


class Momentum(Optimizer):
    """Heavy-ball momentum as in torch.optim.SGD(momentum=μ): v = μv + g; θ -= lr·v."""

    def __init__(self, size: int, dtype: np.dtype, momentum: float = 0.9) -> None:
        super().__init__(size, dtype)
        self.momentum = momentum
        self.velocity = np.zeros(size, dtype)
        self.started = False

    def step_direction(self, grad: np.ndarray, lr: float) -> None:
        if self.started:
            self.velocity *= self.momentum
            self.velocity += grad
        else:
            np.copyto(self.velocity, grad)
            self.started = True
        np.multiply(self.velocity, lr, out=grad)

    def reset(self) -> None:
        self.velocity.fill(0.0)
        self.started = False


class Adam(Optimizer):
    """Adam (Kingma & Ba) with bias correction, as torch.optim.Adam."""

    def __init__(self, size: int, dtype: np.dtype, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
        super().__init__(size, dtype)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = np.zeros(size, dtype)
        self.v = np.zeros(size, dtype)
        self.tmp = np.zeros(size, dtype)
        self.t = 0

    def step_direction(self, grad: np.ndarray, lr: float) -> None:
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        self.m *= b1
        self.m += (1.0 - b1) * grad
        self.v *= b2
        np.multiply(grad, grad, out=self.tmp)
        self.tmp *= 1.0 - b2
        self.v += self.tmp
        # θ -= lr · m̂ / (√v̂ + ε), with m̂ = m/(1-b1ᵗ), v̂ = v/(1-b2ᵗ)
        np.sqrt(self.v, out=self.tmp)
        self.tmp *= 1.0 / math.sqrt(1.0 - b2**self.t)
        self.tmp += self.eps
        np.divide(self.m, self.tmp, out=grad)
        grad *= lr / (1.0 - b1**self.t)

    def reset(self) -> None:
        self.m.fill(0.0)
        self.v.fill(0.0)
        self.t = 0


def make_optimizer(name: str, size: int, dtype: np.dtype, **options: float) -> Optimizer:
    if name == "sgd":
        return SGD(size, dtype)
    if name == "momentum":
        return Momentum(size, dtype, **options)
    if name == "adam":
        return Adam(size, dtype, **options)
    raise ValueError(f"unknown optimizer '{name}' (known: {', '.join(OPTIMIZERS)})")
