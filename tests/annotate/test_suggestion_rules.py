"""Every model suggestion says which component and rule made it, and keeps it when decided."""

from __future__ import annotations

from annotate.edits import accept_all, accept_span, reject_span, relabel_span
from annotate.model import Annotation, Provenance

PERSON_BY = Provenance(
    source="human", annotator="ana", time="2026-12-05T08:00:00Z", state="accepted"
)


def _span(seed: Annotation, covered: str, label: str):
    return next(s for s in seed.spans if s.text_in(seed.text) == covered and s.label == label)


def test_each_kind_of_suggestion_names_its_rule(seed: Annotation) -> None:
    assert _span(seed, "Kim Jong Un", "PERSON").provenance.rule == "ner"
    korea = [s.provenance.rule for s in seed.spans if s.text_in(seed.text) == "North Korea"]
    assert {"ner", "entity_repair: possessive stripped"} <= set(korea)  # "North Korea’s"
    assert _span(seed, "Choe Sun Hui", "PERSON").provenance.rule == "entity_repair: name completed"
    role = next(
        r for r in seed.roles if seed.span(r.span).text_in(seed.text) == "North Korean leader"
    )
    assert role.provenance.rule is not None and role.provenance.rule.startswith("roles: ")
    assert seed.span(role.span).provenance.rule == role.provenance.rule
    event = next(e for e in seed.events if seed.span(e.trigger).text_in(seed.text) == "arrived")
    assert event.provenance.rule == "events: verb 'arrive' (Transport)"
    assert all(p.provenance.rule == "people: mentions grouped by name" for p in seed.people)


def test_accept_and_reject_keep_the_rule_a_change_drops_it(seed: Annotation) -> None:
    kim = _span(seed, "Kim Jong Un", "PERSON")
    accepted = accept_span(seed, kim.id, by=PERSON_BY).apply(seed).span(kim.id)
    assert (accepted.provenance.state, accepted.provenance.source) == ("accepted", "human")
    assert accepted.provenance.annotator == "ana"
    assert accepted.provenance.rule == "ner"
    rejected = reject_span(seed, kim.id, by=PERSON_BY).apply(seed).span(kim.id)
    assert (rejected.provenance.state, rejected.provenance.rule) == ("rejected", "ner")
    relabelled = relabel_span(seed, kim.id, "ORG", by=PERSON_BY).apply(seed)
    changed = next(s for s in relabelled.spans if s.key() == (kim.start, kim.end, "ORG"))
    assert changed.provenance.rule is None
    everything = accept_all(seed, by=PERSON_BY).apply(seed)
    assert all(s.provenance.rule for s in everything.spans)


def test_the_rule_is_written_only_when_there_is_one() -> None:
    assert "rule" not in Provenance(source="human", state="accepted").to_dict()
    made = Provenance(rule="ner")
    assert made.to_dict()["rule"] == "ner"
    assert Provenance.from_dict(made.to_dict()) == made
