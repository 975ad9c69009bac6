"""The Lee corpus gold builder (``tests/fixtures/gold/lee_gold.py``), on a corpus file of our
own in ``lee.cor``'s shape: one article a line, cp1252, blank lines between."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from annotate.contract import from_contract
from tests.script_modules import load_script

GOLD_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "gold"
ARTICLES = [
    "Police arrested John Smith in Perth on Monday. His arrest followed a raid.",
    "The court fined Acme Ltd £5000 for dumping waste.",
]


def _lee_gold() -> ModuleType:
    return load_script(GOLD_DIR / "lee_gold.py")


def declared_in(folder: Path, name: str, text: str) -> Path:
    """A new gold folder holding one declaration file ``name``."""
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "lee.cor"
    path.write_bytes(("\n\n".join(ARTICLES) + "\n").encode("cp1252"))
    return path


DECLARED = """
article = 1
sha256 = ""

[[people]]
name = "John Smith"
mentions = ["John Smith"]

[[events]]
trigger = "arrested"
type = "Arrest-jail"
mentions = ["arrest"]
time = "Monday"
place = "Perth"
args = [{ person = "John Smith", role = "person" }]

[[events]]
trigger = "raid"
type = "Attack"
modality = "asserted"
"""


def test_a_declaration_builds_against_its_article_and_gets_its_hash(
    corpus: Path, tmp_path: Path
) -> None:
    lee = _lee_gold()
    folder = declared_in(tmp_path / "lee", "lee-01.toml", DECLARED)
    assert lee.lee_articles(corpus)[1].endswith("£5000 for dumping waste.")  # cp1252 read
    assert lee._fill_hash(folder / "lee-01.toml", ARTICLES[0])
    (obj,) = lee.gold_objects(corpus, folder)
    arrest = obj["events"][0]
    assert (arrest["trigger"], arrest["type"], arrest["place"]["text"]) == (
        "arrested",
        "Arrest-jail",
        "Perth",
    )
    assert [m["text"] for m in arrest["mentions"]] == ["arrest"]
    annotation = from_contract(obj)  # the contract takes the gold as it is
    assert annotation.events[0].mentions


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('John Smith"]', 'Jane Doe"]'), "'Jane Doe' #1: the article has it 0 times"),
        (('type = "Attack"', 'type = "Meeting"'), "not an event type"),
        (('role = "person"', 'role = "victim"'), "role 'victim' is not a role of Arrest-jail"),
        (('modality = "asserted"', 'modality = "maybe"'), "modality 'maybe'"),
    ],
)
def test_a_wrong_declaration_is_named(
    corpus: Path, tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    lee = _lee_gold()
    text = DECLARED.replace(*change).replace(
        'sha256 = ""', f'sha256 = "{lee.text_hash(ARTICLES[0])}"'
    )
    folder = declared_in(tmp_path / "lee", "lee-01.toml", text)
    with pytest.raises(lee.GoldError, match=message) as raised:
        lee.gold_objects(corpus, folder)
    assert "lee-01.toml" in str(raised.value)


def test_an_article_that_changed_is_refused(corpus: Path, tmp_path: Path) -> None:
    lee = _lee_gold()
    stale = DECLARED.replace('sha256 = ""', f'sha256 = "{"0" * 64}"')
    folder = declared_in(tmp_path / "lee", "lee-01.toml", stale)
    with pytest.raises(lee.GoldError, match="sha256 does not match article 1"):
        lee.gold_objects(corpus, folder)


def test_an_article_of_the_background_file_is_read_beside_lee_cor(
    corpus: Path, tmp_path: Path
) -> None:
    lee = _lee_gold()
    declared = DECLARED.replace("article = 1", 'corpus = "lee_background.cor"\narticle = 2')
    folder = declared_in(tmp_path / "gold", "lee_background-002.toml", declared)
    with pytest.raises(lee.GoldError, match=r"lee_background\.cor is not beside"):
        lee.gold_objects(corpus, folder)
    background = ["Rain fell.", ARTICLES[0]]
    corpus.with_name("lee_background.cor").write_bytes("\n".join(background).encode("cp1252"))
    assert lee.main(["--lee", str(corpus), "--gold", str(folder)]) == 0  # fills the hash
    (obj,) = lee.gold_objects(corpus, folder)
    assert obj["source"] == "lee_background.cor:2"
    assert obj["events"][0]["place"]["text"] == "Perth"
    assert lee.file_name(lee.tomllib.loads(declared)) == "lee_background-002.toml"


@pytest.mark.parametrize(
    ("folder", "least"),
    [
        ("lee", 15),
        ("lee-heldout", 3),
        ("lee-heldout-2", 4),
        ("lee-heldout-3", 2),
        ("lee-heldout-4", 8),
        ("lee-heldout-5", 8),
        ("lee-heldout-6", 6),
        ("lee-heldout-7", 16),
        ("lee-heldout-8", 16),
        ("lee-heldout-9", 16),
        ("lee-heldout-9-second", 16),
        ("lee-heldout-10", 16),
        ("lee-heldout-11", 16),
        ("lee-heldout-12", 15),
        ("lee-heldout-13", 16),
        ("lee-heldout-14", 16),
        ("lee-heldout-15", 15),
        ("lee-heldout-16", 16),
        ("lee-heldout-17", 16),
        ("lee-heldout-18", 16),
        ("lee-heldout-19", 16),
        ("lee-heldout-20", 16),
        ("lee-heldout-21", 16),
        ("lee-heldout-22", 15),
        ("lee-heldout-23", 15),
        ("lee-heldout-24", 12),
        ("lee-heldout-25", 11),
    ],
)
def test_the_committed_declarations_are_well_formed(folder: str, least: int) -> None:
    """Without the corpus (CI has no network): every file parses, names one article, carries
    its article's hash, and uses ACE types, their roles and the modalities; the held-out
    articles are none of the development set's."""
    from annotate.labels import default_config

    lee = _lee_gold()
    config = default_config()
    files = list(lee.declarations(GOLD_DIR / folder))
    assert len(files) >= least

    def key(declared: dict[str, object]) -> tuple[str, object]:
        return lee.corpus_of(declared), declared["article"]

    development = {key(declared) for _, declared in lee.declarations()}
    if folder != "lee":
        assert not development & {key(declared) for _, declared in files}
    articles = set()
    for path, declared in files:
        assert path.name == lee.file_name(declared)
        articles.add(key(declared))
        assert len(declared["sha256"]) == 64, path.name
        names = {person["name"] for person in declared.get("people", [])}
        for event in declared.get("events", []):
            spec = config.event_type(event["type"])
            assert spec is not None and not spec.legacy, (path.name, event["type"])
            assert event.get("modality", "asserted") in lee.MODALITIES
            for arg in event.get("args", []):
                assert arg["role"] in spec.parts, (path.name, event["trigger"], arg)
                assert "person" in arg or "span" in arg
                assert "person" not in arg or arg["person"] in names
    assert len(articles) == len(files)


def test_no_article_text_is_in_two_gold_sets() -> None:
    """``lee_background.cor`` holds some articles twice, under two numbers: a held-out set
    must not score an article whose twin is gold elsewhere (a second annotation of a set, in
    a ``-second`` folder, is the one deliberate exception)."""
    lee = _lee_gold()
    where: dict[str, str] = {}
    for folder in sorted(GOLD_DIR.iterdir()):
        if not folder.is_dir() or folder.name.endswith("-second"):
            continue
        for path, declared in lee.declarations(folder):
            here = f"{folder.name}/{path.name}"
            assert declared["sha256"] not in where, (here, where.get(declared["sha256"]))
            where[declared["sha256"]] = here


def test_the_guidelines_list_each_types_roles_as_the_configuration_has_them() -> None:
    """The roles table of GUIDELINES.md, the one gold writers follow, is the default
    configuration's: every ACE type (those with a group; not ``Other``) once, with exactly
    its parts."""
    from annotate.labels import default_config

    text = (GOLD_DIR / "GUIDELINES.md").read_text(encoding="utf-8")
    listed: dict[str, list[str]] = {}
    for row in text.split("### Types and their argument roles")[1].split("\n\n")[1].splitlines():
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if len(cells) == 3 and cells[1].startswith("`"):
            for kind in cells[1].replace("`", "").split(", "):
                assert kind not in listed, kind
                listed[kind] = cells[2].split(", ")
    config = default_config()
    ace = [t for t in config.event_types if t.group and not t.legacy]
    assert {t.name: list(t.parts) for t in ace} == listed
