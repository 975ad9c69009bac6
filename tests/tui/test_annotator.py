"""The annotator's name is worked out in one place, and the app honours $ANNOTUI_ANNOTATOR."""

from __future__ import annotations

from getpass import getuser

import pytest

from tui import cli
from tui.annotator import annotator_name
from tui.edit_session import default_annotator


def test_the_order_of_the_sources() -> None:
    assert annotator_name("ana", {"ANNOTUI_ANNOTATOR": "env"}) == "ana"
    assert annotator_name(None, {"ANNOTUI_ANNOTATOR": "env"}) == "env"
    assert annotator_name(None, {"ANNOTUI_ANNOTATOR": ""}) == getuser()


def test_an_app_given_no_annotator_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTUI_ANNOTATOR", "from-env")
    assert default_annotator() == "from-env"  # was the login name: the variable was ignored


def test_the_command_line_uses_the_same_function() -> None:
    assert cli.annotator_name is annotator_name
