"""The examples in the engine's docstrings are part of its contract: run them."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "lialia.normalize",
    "lialia.tokenize",
    "lialia.lexicon",
    "lialia.candidates",
    "lialia.rank",
    "lialia.checker",
    "lialia.keywords",
    "lialia.files",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
