"""Package attributes that load their module on first use (PEP 562), for ``designer.model`` and
``designer.engine``: a command that needs one module (``nn-designer eval``) does not pay for the
package's others. Pure Python, so every layer may use it."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping, Sequence

TYPE_CHECKING = False  # not typing's: importing typing costs every command's start 2 ms (issue 14)
if TYPE_CHECKING:
    from typing import Any


def lazy_exports(
    package: str, namespace: MutableMapping[str, Any], home: Mapping[str, Sequence[str]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__``: each name in ``home`` (module → names) is imported
    from its module when first asked for, then kept in ``namespace`` (the package's globals)."""
    module_of = {name: module for module, names in home.items() for name in names}

    def getattr_(name: str) -> Any:
        module = module_of.get(name)
        if module is None:  # lets ``from package import submodule`` find the submodule
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*namespace, *module_of})

    return getattr_, dir_
