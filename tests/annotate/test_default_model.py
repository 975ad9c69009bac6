"""One default pipeline: the official ``en_core_web_sm`` when installed, else the vendored one."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib.machinery import ModuleSpec

import pytest

from annotate import pipeline
from annotate.pipeline import OFFICIAL_MODEL, VENDORED_MODEL, default_model
from tui.cli import build_parser, main


def _official_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> ModuleSpec | None:
        if name == OFFICIAL_MODEL:
            return ModuleSpec(OFFICIAL_MODEL, None)
        return real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


def test_the_vendored_model_without_the_official_one() -> None:
    assert importlib.util.find_spec(OFFICIAL_MODEL) is None  # not installed here
    assert default_model() == VENDORED_MODEL


def test_the_official_model_is_preferred_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    _official_installed(monkeypatch)
    assert default_model() == OFFICIAL_MODEL
    assert pipeline.Annotator().model_name == OFFICIAL_MODEL


def test_the_command_line_uses_the_default_model(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr("tui.cli.cmd_list", lambda args, out: seen.append(args.model) or 0)
    _official_installed(monkeypatch)
    args = build_parser().parse_args(["list"])
    assert args.model is None  # resolved by main, not when the parser is built
    assert main(["list"]) == 0
    assert seen == [OFFICIAL_MODEL]


def test_default_model_imports_no_spacy() -> None:
    code = (
        "import sys; from annotate.pipeline import default_model; default_model(); "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
