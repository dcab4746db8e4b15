"""``python -m lialia``: the same as the ``lialia`` command."""

import sys

from .cli import main

sys.exit(main())
