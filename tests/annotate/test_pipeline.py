"""The whole pipeline on the seed article, on other news text, and on degraded pipelines."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from annotate.contract import to_contract
from annotate.labels import default_config
from annotate.model import Annotation, Event, Person, Provenance
from annotate.pipeline import Annotator, PipelineError, build_nlp, default_model
from tests.contract_check import contract_errors


def person(ann: Annotation, name: str) -> Person:
    matches = [p for p in ann.people if p.name == name]
    assert len(matches) == 1, f"{name}: {[p.name for p in ann.people]}"
    return matches[0]


def mention_texts(ann: Annotation, who: Person) -> list[tuple[int, str]]:
    return [(ann.span(m).start, ann.span_text(m)) for m in who.mentions]


def events_at(ann: Annotation, trigger: str) -> list[Event]:
    return [e for e in ann.events if ann.span_text(e.trigger) == trigger]


def parts(ann: Annotation, event: Event) -> set[tuple[str, str]]:
    return {(ann.person(p.person).name, p.part) for p in event.participants}


def args(ann: Annotation, event: Event) -> set[tuple[str, str]]:
    return {(ann.span_text(a.span), a.part) for a in event.arguments}


# -- the seed article ---------------------------------------------------------------------------


def test_seed_is_valid_and_well_formed(seed: Annotation, seed_text: str) -> None:
    seed.validate()
    assert seed.text == seed_text
    assert seed.model == default_model()
    keys = [s.key() for s in seed.spans]
    assert len(keys) == len(set(keys))
    assert all(0 <= s.start < s.end <= len(seed_text) for s in seed.spans)
    assert all(s.text_in(seed_text).strip() == s.text_in(seed_text) for s in seed.spans)
    items = [*seed.spans, *seed.people, *seed.roles, *seed.events]
    assert all(replace(item.provenance, rule=None) == Provenance() for item in items)
    assert all(item.provenance.rule for item in items)


def test_seed_ids_follow_text_order(seed: Annotation) -> None:
    assert [s.id for s in seed.spans] == [f"T{i}" for i in range(1, len(seed.spans) + 1)]
    firsts = [min(seed.span(m).start for m in p.mentions) for p in seed.people]
    assert firsts == sorted(firsts)
    assert [p.id for p in seed.people] == [f"P{i}" for i in range(1, len(seed.people) + 1)]
    starts = [seed.span(e.trigger).start for e in seed.events]
    assert starts == sorted(starts)
    assert [e.id for e in seed.events] == [f"E{i}" for i in range(1, len(seed.events) + 1)]
    assert [r.id for r in seed.roles] == [f"R{i}" for i in range(1, len(seed.roles) + 1)]
    assert all(e.type in default_config().event_type_names() for e in seed.events)


def test_seed_kim_jong_un_is_one_person(seed: Annotation, seed_text: str) -> None:
    kim = person(seed, "Kim Jong Un")
    mentions = mention_texts(seed, kim)
    bare = [start for start, text in mentions if text == "Kim"]
    assert len(bare) >= 12
    possessive = seed_text.index("Kim’s translator")
    assert (possessive, "Kim") in mentions
    assert (seed_text.index("Kim’s delegation"), "Kim") in mentions
    myong = person(seed, "Kim Myong Sik")
    assert myong.id != kim.id
    assert mention_texts(seed, myong) == [(seed_text.index("Kim Myong Sik"), "Kim Myong Sik")]
    assert (seed_text.rindex("Kim"), "Kim") in mentions  # after Kim Myong Sik: still Kim Jong Un


def test_seed_putin_includes_possessive(seed: Annotation, seed_text: str) -> None:
    putin = person(seed, "Vladimir Putin")
    mentions = mention_texts(seed, putin)
    assert (seed_text.index("Putin’s war"), "Putin") in mentions
    assert len(mentions) == seed_text.count("Putin")


def test_seed_people(seed: Annotation) -> None:
    names = {p.name for p in seed.people}
    assert names == {
        "Kim Jong Un",
        "Vladimir Putin",
        "Oleg Kozhemyako",
        "Alexander Kozlov",
        "Sergei Shoigu",
        "Choe Sun Hui",
        "Jo Chun Ryong",
        "Pak Thae Song",
        "Kim Myong Sik",
        "Andrei Rudenko",
        "Lim Soo-suk",
    }
    assert len(person(seed, "Sergei Shoigu").mentions) == 2


def test_seed_entity_repairs(seed: Annotation, seed_text: str) -> None:
    ents = {(s.start, s.end): (s.text_in(seed_text), s.label) for s in seed.entities()}
    start = seed_text.index("North Korea’s weapons")
    assert ents[(start, start + len("North Korea"))] == ("North Korea", "GPE")
    assert not any(text.endswith(("’s", "'s", "’")) for text, _ in ents.values())
    start = seed_text.index("Choe Sun Hui")
    assert ents[(start, start + len("Choe Sun Hui"))] == ("Choe Sun Hui", "PERSON")
    defense = seed_text.index("Defense Minister Sergei")
    assert not any(s <= defense < e for s, e in ents)
    ministry = seed_text.index("Foreign Ministry spokesperson")
    assert ents[(ministry, ministry + len("Foreign Ministry"))][1] == "ORG"


def test_seed_roles(seed: Annotation) -> None:
    found = {(seed.span_text(r.span), seed.person(r.person).name) for r in seed.roles}
    assert found == {
        ("North Korean leader", "Kim Jong Un"),
        ("Russian President", "Vladimir Putin"),
        ("Regional Governor", "Oleg Kozhemyako"),
        ("Natural Resources Minister", "Alexander Kozlov"),
        ("Defense Minister", "Sergei Shoigu"),
        ("Russian Defense Minister", "Sergei Shoigu"),
        ("Foreign Minister", "Choe Sun Hui"),
        ("a ruling party official in charge of munitions policies", "Jo Chun Ryong"),
        ("chairman of North Korea’s space science and technology committee", "Pak Thae Song"),
        ("navy Admiral", "Kim Myong Sik"),
        ("Russian Deputy Foreign Minister", "Andrei Rudenko"),
        ("South Korea’s Foreign Ministry spokesperson", "Lim Soo-suk"),
    }
    assert all(seed.span(r.span).label == "ROLE" for r in seed.roles)


def mention_texts_of(ann: Annotation, event: Event) -> list[str]:
    return [ann.span_text(m) for m in event.mentions]


def test_seed_meetings_are_one_summit_told_many_times(seed: Annotation) -> None:
    (summit,) = events_at(seed, "meeting")
    assert summit.type == "Meet"
    assert parts(seed, summit) == {("Vladimir Putin", "entity"), ("Kim Jong Un", "entity")}
    told = mention_texts_of(seed, summit)
    assert {"welcomed", "shook hands", "talks", "welcome"} <= set(told)
    assert told.count("meeting") == 3
    (met,) = events_at(seed, "met")  # the welcome at Khasan is another meeting
    assert mention_texts_of(seed, met) == ["welcomed"]
    assert parts(seed, met) == {
        ("Kim Jong Un", "entity"),
        ("Oleg Kozhemyako", "entity"),
        ("Alexander Kozlov", "entity"),
    }


def test_seed_transports(seed: Annotation) -> None:
    first, second = events_at(seed, "arrived")
    assert first.type == second.type == "Transport"
    assert parts(seed, first) == {("Kim Jong Un", "artifact")}  # ACE: the traveller
    assert args(seed, first) == {("a cosmodrome in Russia’s Far East", "destination")}
    assert ("his personal train", "vehicle") in args(seed, second)
    visit = events_at(seed, "visit")[-1]
    assert visit.type == "Transport"
    assert parts(seed, visit) == {("Sergei Shoigu", "artifact")}
    assert args(seed, visit) == {("North Korea", "destination")}
    assert seed.span_text(visit.time) == "July"


def test_seed_attacks_and_transfers(seed: Annotation) -> None:
    (fired,) = events_at(seed, "fired")
    assert fired.type == "Attack" and fired.participants == ()
    assert args(seed, fired) == {
        ("North Korea", "attacker"),
        ("two ballistic missiles", "instrument"),
    }
    assert seed.span_text(fired.time) == "Earlier in the day"
    (war,) = events_at(seed, "war")  # the second "war" is this one told again
    assert mention_texts_of(seed, war) == ["war"]
    assert parts(seed, war) == {("Vladimir Putin", "attacker")}
    assert ("Ukraine", "target") in args(seed, war)
    (deal,) = events_at(seed, "arms deal")
    assert (deal.type, deal.modality) == ("Transfer-ownership", "hypothetical")
    (selling,) = events_at(seed, "selling")
    assert selling.type == "Transfer-ownership"
    assert args(seed, selling) == {("Wagner", "buyer"), ("artillery shells", "artifact")}
    (providing,) = events_at(seed, "providing")
    assert args(seed, providing) == {("North Korea", "seller"), ("Russia", "buyer")}


def test_seed_saying_is_no_event(seed: Annotation) -> None:
    triggers = {seed.span_text(t) for e in seed.events for t in e.triggers}
    said = {"emphasized", "stated", "accused", "reported", "mentioned", "expressed", "denied"}
    assert not triggers & said


def test_seed_no_false_triggers(seed: Annotation) -> None:
    triggers = {seed.span_text(e.trigger) for e in seed.events}
    assert not triggers & {"launch", "supplies", "provide", "engage", "includes", "offers"}


def test_seed_contract_passes_checker(seed: Annotation, tmp_path: Path) -> None:
    assert contract_errors(to_contract(seed, "seeds/kim-putin-cosmodrome.txt")) == []


# -- other news text ----------------------------------------------------------------------------

NEWS = (
    "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Tuesday. "
    "Scholz’s visit to Paris came after months of tension over energy policy. "
    "Macron said the two leaders discussed gas supplies. "
    "Ukraine's Foreign Minister Dmytro Kuleba said Russia launched 30 missiles at Kyiv. "
    "Antony Blinken, the top U.S. diplomat, arrived in Kyiv on Wednesday. "
    "Defense Secretary Lloyd Austin will travel to Brussels in March."
)


def test_other_news_text(annotator: Annotator) -> None:
    ann = annotator.annotate(NEWS).validate()
    scholz = person(ann, "Olaf Scholz")
    assert [text for _, text in mention_texts(ann, scholz)] == ["Olaf Scholz", "Scholz"]
    roles = {(ann.span_text(r.span), ann.person(r.person).name) for r in ann.roles}
    assert roles >= {
        ("German Chancellor", "Olaf Scholz"),
        ("French President", "Emmanuel Macron"),
        ("Ukraine's Foreign Minister", "Dmytro Kuleba"),
        ("the top U.S. diplomat", "Antony Blinken"),
        ("Defense Secretary", "Lloyd Austin"),
    }
    (met,) = events_at(ann, "met")
    assert met.type == "Meet"
    assert parts(ann, met) == {("Olaf Scholz", "entity"), ("Emmanuel Macron", "entity")}
    assert ann.span_text(met.place) == "Paris" and ann.span_text(met.time) == "Tuesday"
    (launched,) = events_at(ann, "launched")
    assert launched.type == "Attack"
    assert args(ann, launched) == {
        ("Russia", "attacker"),
        ("Kyiv", "target"),
        ("30 missiles", "instrument"),
    }
    (travel,) = events_at(ann, "travel")
    assert (travel.type, travel.modality) == ("Transport", "future")
    assert parts(ann, travel) == {("Lloyd Austin", "artifact")}
    assert args(ann, travel) == {("Brussels", "destination")}
    assert ann.span_text(travel.time) == "March"


def test_annotate_many_matches_annotate(annotator: Annotator, seed: Annotation) -> None:
    texts = [NEWS, seed.text, ""]
    many = list(annotator.annotate_many(texts))
    assert [a.to_dict() for a in many] == [annotator.annotate(t).to_dict() for t in texts]
    assert many[2].spans == () and many[2].people == ()


# -- loading ------------------------------------------------------------------------------------


def test_import_does_not_load_spacy() -> None:
    code = "import sys, annotate.pipeline, annotate.convert; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_unknown_pipeline_is_a_one_line_error() -> None:
    with pytest.raises(PipelineError) as caught:
        build_nlp("no_such_pipeline_xyz")
    message = str(caught.value)
    assert "\n" not in message
    assert "'no_such_pipeline_xyz' is not installed" in message
    assert "--model" in message


def test_broken_pipeline_dir_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "config.cfg").write_text("this is [not a config\n")
    with pytest.raises(PipelineError) as caught:
        build_nlp(str(tmp_path))
    assert "\n" not in str(caught.value)


def test_build_nlp_is_cached_and_thread_safe(nlp) -> None:
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(build_nlp())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(item is nlp for item in got)
    names = nlp.pipe_names
    ours = ["annotui_entity_repair", "annotui_people", "annotui_roles", "annotui_events"]
    assert names[names.index("ner") + 1 :][:4] == ours


@pytest.fixture(scope="module")
def saved_pipelines(tmp_path_factory: pytest.TempPathFactory, nlp) -> dict[str, str]:
    import spacy

    root = tmp_path_factory.mktemp("pipelines")
    spacy.blank("en").to_disk(root / "blank")
    spacy.load(default_model(), exclude=["parser"]).to_disk(root / "noparser")
    return {"blank": str(root / "blank"), "noparser": str(root / "noparser")}


def test_blank_pipeline_degrades(saved_pipelines: dict[str, str], seed_text: str) -> None:
    ann = Annotator(saved_pipelines["blank"]).annotate(seed_text).validate()
    assert ann.model == saved_pipelines["blank"]
    assert ann.spans == () and ann.people == () and ann.events == ()


def test_pipeline_without_parser_degrades(
    saved_pipelines: dict[str, str], seed_text: str, tmp_path: Path
) -> None:
    ann = Annotator(saved_pipelines["noparser"]).annotate(seed_text).validate()
    assert "parser" not in build_nlp(saved_pipelines["noparser"]).pipe_names
    assert person(ann, "Kim Jong Un").id != person(ann, "Kim Myong Sik").id
    roles = {(ann.span_text(r.span), ann.person(r.person).name) for r in ann.roles}
    assert ("Defense Minister", "Sergei Shoigu") in roles
    assert ("Russian President", "Vladimir Putin") in roles
    assert events_at(ann, "welcomed") and all(e.participants == () for e in ann.events)
    assert contract_errors(to_contract(ann, None)) == []
