"""``python -m tui``: the same as the ``annotui`` command."""

import sys

from tui.cli import main

sys.exit(main())
