"""The label configuration: defaults, user and store overrides, errors naming file and line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotate.labels import (
    LAYER_TINT,
    OTHER_COLOUR,
    ConfigError,
    LabelConfig,
    check_key,
    default_config,
    load_config,
    user_config_path,
)
from annotate.model import EVENT_LABEL, PHRASE_LABEL, PLACE_LABEL, ROLE_LABEL, TIME_LABEL, layer_of

EVENT_TYPES = (
    *("Be-born", "Marry", "Divorce", "Injure", "Die", "Transport"),
    *("Transfer-ownership", "Transfer-money"),
    *("Start-org", "Merge-org", "Declare-bankruptcy", "End-org"),
    *("Attack", "Demonstrate", "Meet", "Phone-write"),
    *("Start-position", "End-position", "Nominate", "Elect"),
    *("Arrest-jail", "Release-parole", "Trial-hearing", "Charge-indict", "Sue", "Convict"),
    *("Sentence", "Fine", "Execute", "Extradite", "Acquit", "Appeal", "Pardon", "Other"),
)
LEGACY_TYPES = {
    "Meeting": "Meet",
    "Movement": "Transport",
    "Statement": "Other",
    "Transfer": "Transfer-ownership",
    "Contact": "Phone-write",
    "Personnel": "Start-position",
}
"""The documented event types, in the order of the defaults."""

RESERVED = {"q": "quit", "d": "delete", "ctrl+z": "undo", "7": "tabs", ":": "label picker"}
"""Keys this module's tests reserve (the app passes the keys of its bindings)."""

SPACY_EN_LABELS = [
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
]
"""The entity labels of spaCy's English pipelines (OntoNotes)."""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def defaults() -> LabelConfig:
    return default_config()


# -- defaults ------------------------------------------------------------------------------------


def test_defaults_have_spacy_labels_then_the_other_layers(defaults: LabelConfig) -> None:
    assert defaults.label_names() == (
        *SPACY_EN_LABELS,
        ROLE_LABEL,
        EVENT_LABEL,
        TIME_LABEL,
        PLACE_LABEL,
        PHRASE_LABEL,
    )
    assert [s.name for s in defaults.entity_labels()] == SPACY_EN_LABELS
    assert defaults.label("EVENT") is not None
    assert defaults.label("EVENT").layer == "entity"  # spaCy's named events stay entities
    assert defaults.label(EVENT_LABEL).layer == "event"
    assert defaults.label(EVENT_LABEL).description == "event"


def test_default_labels_agree_with_the_model(defaults: LabelConfig) -> None:
    for spec in defaults.labels:
        assert spec.layer == layer_of(spec.name)
        if spec.layer != "entity":  # entity tints are set one by one (tui/palette_check.py)
            assert spec.tint == LAYER_TINT[spec.layer]
        assert 1 <= spec.tint <= 100
        assert spec.colour.startswith("#") and len(spec.colour) == 7
        assert spec.description


def test_default_keys_are_unique_lowercase_letters_and_not_reserved(defaults: LabelConfig) -> None:
    keys = [spec.key for spec in defaults.labels if spec.key]
    assert len(keys) == len(set(keys)) >= 8
    for key in keys:
        assert key.isalpha() and key.islower()
        assert check_key(key) is None
    assert defaults.by_key("h") == defaults.label("PERSON")
    assert defaults.keys()["e"] == EVENT_LABEL
    assert defaults.by_key("d") is None


def test_default_event_types_are_ace_and_the_older_types_map_onto_them(
    defaults: LabelConfig,
) -> None:
    assert defaults.current_type_names() == EVENT_TYPES
    assert defaults.event_type_names() == (*EVENT_TYPES, *LEGACY_TYPES)
    for old, new in LEGACY_TYPES.items():
        assert defaults.event_type(old).legacy and defaults.canonical_type(old) == new
    assert defaults.canonical_type("Die") == "Die" == defaults.canonical_type("Die")
    assert defaults.canonical_type("Unknown") == "Unknown"
    assert {defaults.event_type(t).group for t in EVENT_TYPES[:-1]} == {
        *("Life", "Movement", "Transaction", "Business"),
        *("Conflict", "Contact", "Personnel", "Justice"),
    }
    declared = {part.name for part in defaults.parts}
    for spec in defaults.event_types:
        assert spec.description
        assert spec.parts and set(spec.parts) <= declared
        assert spec.default_part == spec.parts[0]
        assert defaults.parts_for(spec.name) == spec.parts
    assert defaults.parts_for("Attack") == ("attacker", "target", "instrument")
    assert defaults.parts_for("Meet") == ("entity",)
    assert defaults.default_part("Die") == "victim"
    assert defaults.default_part("Meeting") == "participant"  # older stores' parts still fit
    assert defaults.part_description("agent") == "who acts or causes it"


def test_an_unknown_event_type_allows_every_declared_part(defaults: LabelConfig) -> None:
    every = tuple(part.name for part in defaults.parts)
    assert defaults.parts_for("Sabotage") == every
    assert defaults.default_part("Sabotage") == every[0]


def test_unknown_label_falls_back(defaults: LabelConfig) -> None:
    assert defaults.label("WEAPON") is None
    assert defaults.colour("WEAPON") == OTHER_COLOUR
    assert defaults.description("WEAPON") == "weapon"
    assert defaults.colour("PERSON") == defaults.label("PERSON").colour


# -- paths ---------------------------------------------------------------------------------------


def test_user_config_path_order(tmp_path: Path) -> None:
    explicit = str(tmp_path / "mine.toml")
    env = {"ANNOTUI_CONFIG": explicit, "XDG_CONFIG_HOME": "/xdg", "HOME": "/home/ann"}
    assert user_config_path(env) == Path(explicit)
    del env["ANNOTUI_CONFIG"]
    assert user_config_path(env) == Path("/xdg/annotui/config.toml")
    del env["XDG_CONFIG_HOME"]
    assert user_config_path(env) == Path("/home/ann/.config/annotui/config.toml")
    assert user_config_path({"XDG_CONFIG_HOME": "", "HOME": "/h"}) == Path(
        "/h/.config/annotui/config.toml"
    )


# -- overrides -----------------------------------------------------------------------------------


def test_missing_files_give_the_defaults(tmp_path: Path, defaults: LabelConfig) -> None:
    assert load_config() == defaults
    assert load_config(tmp_path / "absent.toml", tmp_path / "no-store") == defaults
    assert load_config(tmp_path / "absent.toml", tmp_path) == defaults  # folder without config


def test_user_then_store_override_by_label_and_type(tmp_path: Path, defaults: LabelConfig) -> None:
    user = write(
        tmp_path / "user.toml",
        """
[labels.PERSON]
colour = "#010203"
description = "human being"

[labels.LAW]
enabled = false

[labels.ORG]
color = "#ABC"

[event_types.Contact]
parts = ["agent", "recipient"]
""",
    )
    store = tmp_path / "store"
    write(
        store / "config.toml",
        """
[labels.PERSON]
colour = "#0a0b0c"
key = "i"

[labels.WEAPON]
description = "weapon"
key = "z"

[parts]
origin = "where they come from"

[event_types.Movement]
parts = ["agent", "patient", "origin"]

[event_types.Ceremony]
description = "a formal occasion"
parts = ["participant"]

[event_types.Other]
enabled = false
""",
    )
    config = load_config(user, store)
    person = config.label("PERSON")
    assert person.colour == "#0a0b0c"  # the store wins over the user
    assert person.description == "human being"  # the user's, untouched by the store
    assert person.key == "i"
    assert config.by_key("h") is None
    assert config.label("ORG").colour == "#aabbcc"
    assert config.label("LAW") is None
    weapon = config.label("WEAPON")
    assert weapon.layer == "entity" and weapon.colour == OTHER_COLOUR and weapon.tint == 38
    assert config.by_key("z") == weapon
    assert config.label_names()[-1] == "WEAPON"
    assert config.label_names().index("PERSON") == 0  # overriding keeps the place
    assert config.parts_for("Contact") == ("agent", "recipient")
    assert config.parts_for("Movement") == ("agent", "patient", "origin")
    assert config.event_type_names() == (*EVENT_TYPES[:-1], *LEGACY_TYPES, "Ceremony")
    assert config.default_part("Ceremony") == "participant"
    # user alone: the store's changes are absent
    user_only = load_config(user)
    assert user_only.label("PERSON").colour == "#010203"
    assert user_only.label("PERSON").key == defaults.label("PERSON").key


def test_store_may_pass_its_config_file_directly(tmp_path: Path) -> None:
    path = write(tmp_path / "config.toml", '[labels.GPE]\ncolour = "#123456"\n')
    assert load_config(store=path).colour("GPE") == "#123456"


def test_a_later_file_can_swap_keys_and_re_enable(tmp_path: Path) -> None:
    user = write(
        tmp_path / "user.toml",
        '[labels.PERSON]\nkey = "o"\n[labels.ORG]\nkey = "h"\n[labels.LOC]\nenabled = false\n',
    )
    store = write(tmp_path / "store" / "config.toml", "[labels.LOC]\nenabled = true\n")
    config = load_config(user, store)
    assert config.by_key("o").name == "PERSON"
    assert config.by_key("h").name == "ORG"
    assert config.label("LOC") == default_config().label("LOC")


def test_a_key_of_a_disabled_label_is_free(tmp_path: Path) -> None:
    user = write(
        tmp_path / "user.toml", '[labels.PERSON]\nenabled = false\n[labels.ORG]\nkey = "h"\n'
    )
    assert load_config(user).by_key("h").name == "ORG"


def test_key_can_be_cleared_and_tint_set(tmp_path: Path) -> None:
    user = write(tmp_path / "user.toml", '[labels.PERSON]\nkey = ""\ntint = 60\n')
    person = load_config(user).label("PERSON")
    assert person.key is None and person.tint == 60


# -- errors --------------------------------------------------------------------------------------

ERRORS = [
    pytest.param('[labels.PERSON]\ncolour = "#fff"\n[labels\n', 3, "not valid TOML", id="toml"),
    pytest.param(
        '[labels.PERSON]\ncolour = "#ffffff"\ncolur = "#000000"\n', 3, "'colour'", id="unknown-key"
    ),
    pytest.param('\n[labels.ORG]\ncolour = "#12345"\n', 3, 'bad colour "#12345"', id="colour"),
    pytest.param('[labels.ORG]\ncolour = "red"\n', 2, 'bad colour "red"', id="colour-name"),
    pytest.param('[labels.ORG]\n# mine\nkey = "h"\n', 3, "duplicate key binding", id="dup-key"),
    pytest.param(
        '[labels.WEAPON]\nkey = "q"\n[labels.ORG]\nkey = "q"\n', 2, "reserved", id="reserved"
    ),
    pytest.param('[labels.ORG]\n\n\nkey = "d"\n', 4, "reserved in the article view", id="d"),
    pytest.param('[labels.ORG]\nkey = "oo"\n', 2, "not one key", id="two-keys"),
    pytest.param('[labels.WEAPON]\nlayer = "entty"\n', 2, "unknown layer 'entty'", id="layer"),
    pytest.param('[labels.WEAPON]\nlayer = "role"\n', 2, "not the model's layer", id="layer-model"),
    pytest.param("[labels.ORG]\ntint = 0\n", 2, "tint", id="tint"),
    pytest.param('[labels.ORG]\nenabled = "no"\n', 2, "true or false", id="enabled"),
    pytest.param("[labels.weapon]\n", 1, "UPPER_CASE", id="label-name"),
    pytest.param('[label.ORG]\ncolour = "#000000"\n', 1, "did you mean 'labels'", id="top-level"),
    pytest.param(
        '[event_types.Attack]\nparts = ["agent",\n  "instrumnt"]\n',
        2,
        "unknown part 'instrumnt'; did you mean 'instrument'",
        id="part",
    ),
    pytest.param(
        '[event_types.Attack]\ndefault_part = "recipient"\n', 2, "default_part", id="default-part"
    ),
    pytest.param("[event_types.Ceremony]\n", 1, "needs parts", id="type-without-parts"),
    pytest.param("[event_types.Attack]\nparts = []\n", 2, "non-empty list", id="empty-parts"),
    pytest.param('[parts]\nOrigin = "from"\n', 2, "lower_snake_case", id="part-name"),
    pytest.param('labels.ORG.colour = "#1234"\n', 1, "bad colour", id="dotted-key"),
    pytest.param('[labels]\nORG = { colour = "#1234" }\n', 2, "bad colour", id="inline-table"),
]


@pytest.mark.parametrize(("text", "line", "reason"), ERRORS)
def test_bad_user_file_names_file_line_and_problem(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = write(tmp_path / "user.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, reserved=RESERVED)
    error = caught.value
    assert error.path == str(path)
    assert error.line == line
    assert reason in error.reason
    assert str(error).startswith(f"{path}:{line}: ")


def test_toml_error_keeps_tomllib_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "user.toml", '[labels.ORG]\ncolour = "#000000\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == 2
    assert "(at line 2, column" in str(caught.value)


def test_error_in_store_file_names_the_store_file(tmp_path: Path) -> None:
    user = write(tmp_path / "user.toml", '[labels.ORG]\nkey = "i"\n')
    store = write(tmp_path / "store" / "config.toml", '[labels.GPE]\n\nkey = "i"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(user, store.parent)
    assert caught.value.path == str(store)
    assert caught.value.line == 3
    assert "'i' is the key of both ORG and GPE" in caught.value.reason


def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    binary = tmp_path / "user.toml"
    binary.write_bytes(b'[labels.ORG]\ndescription = "\xff"\n')
    with pytest.raises(ConfigError, match="is not UTF-8") as caught:
        load_config(binary)
    assert caught.value.line == 2
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(ConfigError, match="is a folder"):
        load_config(folder)
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)  # reading it would wait for a writer forever: the app would never start
    with pytest.raises(ConfigError, match="is not a regular file"):
        load_config(pipe)


def test_disabling_every_label_is_an_error(tmp_path: Path, defaults: LabelConfig) -> None:
    text = "".join(f"[labels.{name}]\nenabled = false\n" for name in defaults.label_names())
    with pytest.raises(ConfigError, match="every label is disabled"):
        load_config(write(tmp_path / "user.toml", text))


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("h", None),
        ("", None),
        ("ctrl+k", None),
        ("f5", None),
        ("ctrl+z", "reserved"),
        ("7", "reserved"),
        (":", "reserved"),
        (" ", "not one key"),
        ("space", "not one key"),
        ("f25", "not one key"),
    ],
)
def test_check_key(key: str, problem: str | None) -> None:
    found = check_key(key, RESERVED)
    assert found is None if problem is None else problem in found


def test_reserved_keys_are_asked_for_only_when_a_file_sets_a_key(tmp_path: Path) -> None:
    asked: list[bool] = []

    def reserved() -> dict[str, str]:
        asked.append(True)
        return RESERVED

    load_config(
        write(tmp_path / "colour.toml", '[labels.ORG]\ncolour = "#000000"\n'), reserved=reserved
    )
    assert asked == []
    keyed = write(tmp_path / "key.toml", '[labels.ORG]\nkey = "z"\n[labels.LAW]\nkey = "b"\n')
    assert load_config(keyed, reserved=reserved).by_key("z").name == "ORG"
    assert asked == [True]


def test_labels_module_imports_no_textual() -> None:
    code = "import annotate.labels, sys; print(sorted(m for m in sys.modules if m == 'textual'))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
