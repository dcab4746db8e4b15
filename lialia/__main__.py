"""``python -m lialia``: the same as the ``lialia`` command."""

from .cli import app

app(prog_name="lialia")
