"""Vectorised numpy engine: compile once, then forward/backward over whole batches."""

from designer.engine.backprop import Gradients, Workspace, gradients
from designer.engine.compiled import CompiledNetwork, EngineError, compile_network
from designer.engine.datasets import DATASETS, Dataset, DatasetError, make_dataset, read_csv
from designer.engine.losses import LOSSES, accuracy, loss_value
from designer.engine.optimizers import OPTIMIZERS
from designer.engine.training import Metrics, StepResult, Trainer, TrainingSettings, randomize

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
