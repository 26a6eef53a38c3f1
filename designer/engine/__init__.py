"""Vectorised numpy engine: compile once, then forward/backward over whole batches.

The names below load their module on first use (PEP 562), so importing one engine module (the
``eval`` command needs only the compiler and the forward pass) does not import training, datasets
and data preparation as well.
"""

from __future__ import annotations

from designer.lazy import lazy_exports

TYPE_CHECKING = False  # not typing's: importing typing costs every command's start 2 ms (issue 14)

if TYPE_CHECKING:
    from designer.engine.backprop import Gradients, Workspace, gradients
    from designer.engine.compiled import CompiledNetwork, EngineError, compile_network
    from designer.engine.datasets import DATASETS, Dataset, DatasetError, make_dataset, read_csv
    from designer.engine.losses import LOSSES, accuracy, loss_value
    from designer.engine.optimizers import OPTIMIZERS
    from designer.engine.training import Metrics, StepResult, Trainer, TrainingSettings, randomize

_HOME = {
    "designer.engine.backprop": ("Gradients", "Workspace", "gradients"),
    "designer.engine.compiled": ("CompiledNetwork", "EngineError", "compile_network"),
    "designer.engine.datasets": ("DATASETS", "Dataset", "DatasetError", "make_dataset", "read_csv"),
    "designer.engine.losses": ("LOSSES", "accuracy", "loss_value"),
    "designer.engine.optimizers": ("OPTIMIZERS",),
    "designer.engine.training": ("Metrics", "StepResult", "Trainer", "TrainingSettings", "randomize"),
}

__all__ = [
    "DATASETS",
    "LOSSES",
    "OPTIMIZERS",
    "CompiledNetwork",
    "Dataset",
    "DatasetError",
    "EngineError",
    "Gradients",
    "Metrics",
    "StepResult",
    "Trainer",
    "TrainingSettings",
    "Workspace",
    "accuracy",
    "compile_network",
    "gradients",
    "loss_value",
    "make_dataset",
    "randomize",
    "read_csv",
]


__getattr__, __dir__ = lazy_exports(__name__, globals(), _HOME)
