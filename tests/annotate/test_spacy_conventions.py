"""spaCy conventions: the components are found through the ``spacy_factories`` entry point, and
the word tables a user may change are component config."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from importlib import import_module
from pathlib import Path

import spacy
from spacy import registry
from spacy.language import Language
from spacy.tokens import Doc

from annotate.components import COMPONENTS
from annotate.components.events import NAME as EVENTS
from annotate.components.events import NOUN_TRIGGERS, VERB_TRIGGERS
from annotate.components.lexicon import PORTFOLIO_TITLES, TITLE_NOUNS
from annotate.labels import default_config

ROOT = Path(__file__).resolve().parents[2]


def declared_factories() -> dict[str, str]:
    """The ``spacy_factories`` entry points of pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["entry-points"]["spacy_factories"]


def test_every_component_is_declared_as_a_spacy_factory() -> None:
    declared = declared_factories()
    assert sorted(declared) == sorted(COMPONENTS)
    for name, target in declared.items():
        module, _, attribute = target.partition(":")
        factory = getattr(import_module(module), attribute)
        assert registry.factories.get(Language.get_factory_name(name)) is factory, name


def fake_install(root: Path) -> Path:
    """A folder that makes annotui look installed with this tree's entry points: a
    ``.dist-info`` whose ``entry_points.txt`` is written from pyproject.toml."""
    info = root / "annotui-0+test.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: annotui\nVersion: 0+test\n")
    lines = ["[spacy_factories]", *(f"{k} = {v}" for k, v in declared_factories().items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n")
    return root


def test_a_saved_pipeline_loads_in_a_python_that_never_imported_annotui(
    nlp: Language, tmp_path: Path
) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    script = (
        "import sys, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        "doc = nlp('Russian President Vladimir Putin met Kim Jong Un in Vostochny.')\n"
        "print(sorted(m for m in sys.modules if m.startswith('annotate.components.')))\n"
        "print([(e.trigger.text, e.type) for e in doc._.annotui_events])\n"
    )
    # the fake installation first: it stands for `pip install annotui` of this tree (the shared
    # development install may predate the entry points)
    path = os.pathsep.join([str(fake_install(tmp_path / "site")), str(ROOT)])
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    modules, events = result.stdout.splitlines()
    assert "annotate.components.events" in modules  # imported by spaCy, through the entry point
    assert events == "[('met', 'Meet')]"


def test_the_trigger_tables_are_component_config(nlp: Language) -> None:
    text = "The king crowned his son. Kim met Putin."
    doc = nlp(text)
    assert [(e.trigger.text, e.type) for e in doc._.annotui_events] == [("met", "Meet")]
    # a type's list replaces the default one; the other types keep theirs (spaCy merges config)
    # built on a blank pipeline: create_pipe on the shared one would change its stored config
    blank = spacy.blank("en")
    ceremony = blank.create_pipe(EVENTS, config={"verb_triggers": {"Ceremony": ["crown"]}})
    found = ceremony(doc)._.annotui_events
    assert [(e.trigger.text, e.type) for e in found] == [
        ("crowned", "Ceremony"),
        ("met", "Meet"),
    ]
    no_meetings = blank.create_pipe(EVENTS, config={"verb_triggers": {"Meet": []}})
    assert no_meetings(doc)._.annotui_events == []
    assert nlp.get_pipe_config(EVENTS)["verb_triggers"] == VERB_TRIGGERS


def test_the_trigger_tables_name_configured_event_types() -> None:
    types = set(default_config().event_type_names())
    assert set(VERB_TRIGGERS) | set(NOUN_TRIGGERS) <= types


def test_the_title_words_are_component_config(nlp: Language) -> None:
    doc = nlp("The UN rapporteur Jane Doe visited Geneva.")
    assert doc._.annotui_roles == []
    titles = [*nlp.get_pipe_config("annotui_roles")["title_nouns"], "rapporteur"]
    roles = spacy.blank("en").create_pipe("annotui_roles", config={"title_nouns": titles})
    assert [link.title.text for link in roles(doc)._.annotui_roles] == ["The UN rapporteur"]
    for name in ("annotui_entity_repair", "annotui_roles", "annotui_events"):
        assert nlp.get_pipe_config(name)["title_nouns"] == sorted(TITLE_NOUNS), name


def _doc(words: list[str], ents: list[str]) -> Doc:
    """A Doc with the given words and IOB entity tags (no model needed)."""
    return Doc(spacy.blank("en").vocab, words=words, ents=ents)


def test_the_honorifics_are_config_of_the_people_component() -> None:
    words, ents = (
        ["Comrade", "Kim", "met", "Putin", "."],
        ["B-PERSON", "I-PERSON", "O", "B-PERSON", "O"],
    )
    blank = spacy.blank("en")
    plain = blank.create_pipe("annotui_people")
    assert [p.name for p in plain(_doc(words, ents))._.annotui_people] == ["Comrade Kim", "Putin"]
    comrade = blank.create_pipe("annotui_people", config={"honorifics": ["comrade"]})
    assert [p.name for p in comrade(_doc(words, ents))._.annotui_people] == ["Kim", "Putin"]


def test_the_portfolio_titles_are_config_of_entity_repair() -> None:
    """ "Defense Envoy Sergei Shoigu": with "envoy" a portfolio title, "Defense" is no ORG."""
    words = ["Defense", "Envoy", "Sergei", "Shoigu", "arrived"]
    ents = ["B-ORG", "O", "B-PERSON", "I-PERSON", "O"]
    blank = spacy.blank("en")
    plain = blank.create_pipe("annotui_entity_repair")
    assert [e.label_ for e in plain(_doc(words, ents)).ents] == ["ORG", "PERSON"]
    titles = sorted({*PORTFOLIO_TITLES, "envoy"})
    envoy = blank.create_pipe("annotui_entity_repair", config={"portfolio_titles": titles})
    assert [e.text for e in envoy(_doc(words, ents)).ents] == ["Sergei Shoigu"]


def test_the_title_modifiers_are_config_of_the_roles_component() -> None:
    """Without a parse the title before a name is found by its words: "ex" can be one."""
    words = ["ex", "Minister", "Sergei", "Shoigu", "spoke"]
    ents = ["O", "O", "B-PERSON", "I-PERSON", "O"]
    blank = spacy.blank("en")
    people = blank.create_pipe("annotui_people")
    for config, title in (({}, "Minister"), ({"title_modifiers": ["ex"]}, "ex Minister")):
        roles = blank.create_pipe("annotui_roles", config=config)
        found = roles(people(_doc(words, ents)))._.annotui_roles
        assert [link.title.text for link in found] == [title]


def test_changed_word_tables_are_saved_with_the_pipeline(tmp_path: Path) -> None:
    changed = {
        "annotui_entity_repair": {"institution_nouns": ["bureau"], "honorifics": ["comrade"]},
        "annotui_people": {"honorifics": ["comrade"]},
        "annotui_roles": {"title_modifiers": ["ex"]},
        EVENTS: {"person_group_nouns": ["envoy"]},
    }
    blank = spacy.blank("en")
    for name, config in changed.items():
        blank.add_pipe(name, config=config)
    blank.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    for name, config in changed.items():
        for key, value in config.items():
            assert loaded.get_pipe_config(name)[key] == value, (name, key)
    assert loaded.get_pipe("annotui_roles").modifiers == {"ex"}
    assert loaded.get_pipe(EVENTS).lexicon.person_groups == {"envoy"}
