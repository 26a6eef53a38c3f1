"""The ``--to`` formats of ``nn-designer export``: a registry from name to exporter.

Built in: ``pytorch`` and ``latex`` (text). More formats register themselves with
:func:`register_format`; ``LAZY_MODULES`` names modules that are imported only when one of their
formats is asked for (or listed), so e.g. the Qt figure exporters (``png``, ``svg``) can live in
``designer.ui.figures`` without this package or the CLI's start-up importing Qt. A lazy format
whose module does not exist is simply not offered.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from designer.model.network import Network


@dataclass(frozen=True)
class ExportFormat:
    name: str
    #: Network → file content: ``str`` is written as UTF-8 text, ``bytes`` as is.
    export: Callable[[Network], str | bytes]
    help: str = ""
    #: Binary formats cannot go to stdout.
    binary: bool = False


_FORMATS: dict[str, ExportFormat] = {}

#: format name → module that registers it when imported (not imported before it is needed).
LAZY_MODULES: dict[str, str] = {"png": "designer.ui.figures", "svg": "designer.ui.figures"}
#: The file name endings each format is known by: a file ending in another format's ending gets a
#: note (``--to svg -o fig.png`` is most likely a slip).
SUFFIXES: dict[str, tuple[str, ...]] = {
    "pytorch": (".py",),
    "latex": (".tex", ".latex"),
    "png": (".png",),
    "svg": (".svg",),
}


def register_format(fmt: ExportFormat) -> None:
    """Add or replace a format (call at import time of the providing module)."""
    _FORMATS[fmt.name] = fmt


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # a parent package is missing
        return False


def available_formats() -> list[str]:
    """Names for ``--to``: registered formats plus lazy ones whose module exists."""
    names = dict.fromkeys(_FORMATS)
    for name, module in LAZY_MODULES.items():
        if name not in names and _module_exists(module):
            names[name] = None
    return list(names)


def get_format(name: str) -> ExportFormat:
    """The format called ``name``, importing its module first if it is a lazy one."""
    if name not in _FORMATS and name in LAZY_MODULES and _module_exists(LAZY_MODULES[name]):
        importlib.import_module(LAZY_MODULES[name])
    try:
        return _FORMATS[name]
    except KeyError:
        raise KeyError(f"unknown export format {name!r} (known: {', '.join(available_formats())})") from None


def format_named_by(file_name: str) -> str | None:
    """The format whose usual ending ``file_name`` has (any case), else None."""
    lower = file_name.lower()
    return next((name for name, endings in SUFFIXES.items() if lower.endswith(endings)), None)


def _register_builtins() -> None:
    from designer.export.formulas import latex_document
    from designer.export.pytorch import to_pytorch

    register_format(ExportFormat("pytorch", to_pytorch, "a runnable PyTorch file (python model.py prints ok)"))
    register_format(ExportFormat("latex", latex_document, "every neuron's equation and h(x) as a LaTeX document"))


_register_builtins()
