"""Who edits are recorded as: the one place the annotator's name is worked out."""

from __future__ import annotations

import os
from collections.abc import Mapping
from getpass import getuser

ENV_VAR = "ANNOTUI_ANNOTATOR"
"""Environment variable naming the annotator when ``--annotator`` is not given."""


def annotator_name(given: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """Return ``given`` (``--annotator``), else ``$ANNOTUI_ANNOTATOR``, else the login name,
    else ``annotator`` when the login cannot be told."""
    if given:
        return given
    if environ.get(ENV_VAR):
        return environ[ENV_VAR]
    try:
        return getuser() or "annotator"
    except (OSError, KeyError):
        return "annotator"
