"""Fixtures for the pipeline tests: the model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.model import Annotation
from annotate.pipeline import Annotator, build_nlp, default_model

SEED = Path(__file__).resolve().parents[2] / "seeds" / "kim-putin-cosmodrome.txt"


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with the annotui components."""
    return build_nlp(default_model())


@pytest.fixture(scope="session")
def annotator(nlp) -> Annotator:
    """An annotator on the (already loaded) default pipeline."""
    return Annotator(default_model())


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(annotator: Annotator, seed_text: str) -> Annotation:
    """The pipeline's annotation of the seed article."""
    return annotator.annotate(seed_text)
