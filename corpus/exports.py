"""A package's names imported from their modules on first use (PEP 562), so that importing the
package for one job does not import the modules of every other."""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Callable


def lazy_exports(package: str, where: dict[str, tuple[str, ...]]) -> tuple[Callable, Callable, list[str]]:
    """(__getattr__, __dir__, __all__) for `package`, whose names live in the modules `where` maps
    them from: {module: (name, ...)}."""
    module_of = {name: module for module, names in where.items() for name in names}

    def __getattr__(name: str):
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module_of[name]}", package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(module_of))

    return __getattr__, __dir__, sorted(module_of)
