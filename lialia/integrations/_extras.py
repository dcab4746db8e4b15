"""The error an adapter raises when the optional extra it needs is not installed."""

from __future__ import annotations

from ..errors import LialiaError


class MissingExtraError(LialiaError, ImportError):
    """An adapter (``lialia.integrations.polars``) whose third-party library (``polars``)
    is not installed: says which extra brings it."""

    def __init__(self, adapter: str, module: str, extra: str) -> None:
        self.adapter = adapter
        self.module = module
        self.extra = extra
        super().__init__(
            f"{adapter} needs {module}, which is not installed: pip install 'lialia[{extra}]'"
        )
