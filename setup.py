"""Build step: compile the word lists into the tries the package ships.

Everything else about the package is declared in ``pyproject.toml``.  Building a wheel
(``pip install .``, ``pip wheel .``) compiles ``dictionaries/*.tsv`` into
``lialia/dictionaries/compiled/<list>/`` of the build folder, so an installation maps
its lists from its first run on (see ``lialia/index.py``).  An editable install
(``pip install -e .``) ships no copy: its lists are compiled on first use into the
user's cache, which also follows later edits of ``dictionaries/*.tsv``.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _ours(module: str) -> bool:
    return module == "lialia" or module.startswith("lialia.")


def _build_shipped(target: Path) -> list[str]:
    """Run lialia's own compiler (``lialia.lexicon.build_shipped``) from this source tree.

    The package is imported from here, never from an installed lialia, and without
    running its ``__init__`` (which imports the whole checker): the build needs only the
    lexicon's imports, which ``[build-system] requires`` lists."""
    source = HERE / "lialia"
    package = importlib.util.spec_from_file_location(
        "lialia", source / "__init__.py", submodule_search_locations=[str(source)]
    )
    assert package is not None and package.loader is not None
    saved = {name: module for name, module in sys.modules.items() if _ours(name)}
    for name in saved:
        del sys.modules[name]
    sys.modules["lialia"] = importlib.util.module_from_spec(package)
    try:
        from lialia.lexicon import build_shipped

        return build_shipped(HERE / "dictionaries", target)
    finally:
        for name in [name for name in sys.modules if _ours(name)]:
            del sys.modules[name]
        sys.modules.update(saved)


class BuildWithIndex(build_py):
    """``build_py``, then the compiled word lists next to the lists themselves."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the lists stay in the source tree and are compiled on first use
        target = Path(self.build_lib) / "lialia" / "dictionaries" / "compiled"
        built = _build_shipped(target)
        done = ", ".join(built) or "already up to date"
        self.announce(f"compiled word lists into {target}: {done}", logging.INFO)


setup(cmdclass={"build_py": BuildWithIndex})
