"""The pieces of ``tests/checks/trained_arguments.py`` (the trained argument finder it
compares with the rules), without the corpus: the classifier learns, the phrases it sees."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from spacy.language import Language

from tests.script_modules import load_script

CHECK = Path(__file__).resolve().parents[1] / "checks" / "trained_arguments.py"


def _check() -> ModuleType:
    return load_script(CHECK)


def test_the_perceptron_learns_roles_and_keeps_to_the_roles_of_a_type() -> None:
    check = _check()
    model = check.Perceptron()
    data = [(["p=nsubj"], "attacker", "Attack"), (["p=dobj"], "target", "Attack")]
    data += [(["p=other"], check.NONE, "Attack"), (["p=nsubj"], "person", "Elect")]
    for _ in range(5):
        for feats, role, kind in data:
            model.update(role, feats, kind)
    model.average()
    assert model.predict(["p=nsubj"], "Attack") == "attacker"
    assert model.predict(["p=dobj"], "Attack") == "target"
    assert model.predict(["p=other"], "Attack") == check.NONE
    assert model.predict(["p=dobj"], "Elect") != "target"  # not a role of an election
    assert model.predict(["p=dobj"], "Attack", margin=1000.0) == check.NONE


def test_the_phrases_of_an_event_and_what_is_seen_of_them(nlp: Language) -> None:
    check = _check()
    doc = nlp("Rebels attacked the town on Monday.")
    trigger = doc[1:2]
    phrases = {p.text: p for p in check.candidates(trigger.sent, trigger)}
    assert {"Rebels", "the town", "Monday"} <= set(phrases)
    assert "p=|nsubj" in check.features("Attack", trigger, phrases["Rebels"])  # down to it
    assert "pr=on" in check.features("Attack", trigger, phrases["Monday"])


def test_the_classifier_adds_to_the_rules_what_they_lack_as_annotui_scores_it(
    nlp: Language,
) -> None:
    check = _check()
    text = "Mr Smith attacked the town on Monday."
    doc = nlp(text)
    trigger = doc[2:3]
    roles = {"Smith": "attacker", "the town": "target", "Monday": "time"}
    model = check.Perceptron()
    for _ in range(5):
        for phrase in check.candidates(trigger.sent, trigger):
            role = next((r for w, r in roles.items() if w in phrase.text), check.NONE)
            model.update(role, check.features("Attack", trigger, phrase), "Attack")
    model.average()

    def at(words: str) -> dict[str, int]:
        start = text.index(words)
        return {"start": start, "end": start + len(words)}

    town = {**at("the town"), "role": "target"}
    event = {**at("attacked"), "type": "Attack", "arguments": [town], "participants": []}
    smith = {"id": "P1", "name": "Smith", "mentions": [at("Mr Smith")], "roles": []}
    predicted = {"text": text, "people": [smith], "events": [event]}
    (found,) = check.with_trained(predicted, doc, model, 0.0)["events"]
    assert found["arguments"] == [town]  # the rules' target, not given twice
    assert [(p["person"], p["role"]) for p in found["participants"]] == [("P1", "attacker")]
    assert text[found["time"]["start"] : found["time"]["end"]] == "Monday"
    assert predicted["events"][0]["participants"] == []  # a copy: the rules' own untouched
