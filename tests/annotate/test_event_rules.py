"""The ACE event rules on sentences of news: triggers in context, roles, modality, and one
event per happening (with the real parse of the pipeline's model)."""

from __future__ import annotations

import pytest
from spacy.language import Language


def events_of(nlp: Language, text: str) -> list[tuple[str, str, str, list[str]]]:
    """(trigger, type, modality, later mentions) of each event found."""
    return [
        (r.trigger.text, r.type, r.modality, [m.text for m in r.mentions])
        for r in nlp(text)._.annotui_events
    ]


def test_saying_and_believing_are_no_events(nlp: Language) -> None:
    text = "The minister said the plan was good, and officials believe she told reporters."
    assert events_of(nlp, text) == []


def test_a_word_needs_its_context(nlp: Language) -> None:
    assert [e[:2] for e in events_of(nlp, "The bank will cut 1,000 jobs.")] == [
        ("cut", "End-position")
    ]
    assert events_of(nlp, "The bank will cut interest rates.") == []
    assert [e[:2] for e in events_of(nlp, "Police held a man in Sydney.")] == [
        ("held", "Arrest-jail")
    ]
    assert events_of(nlp, "The leaders held a press conference in Sydney.")[:1] != [
        ("held", "Arrest-jail", "asserted", [])
    ]
    assert [e[:2] for e in events_of(nlp, "The raid left eight civilians dead.")] == [
        ("raid", "Attack"),
        ("dead", "Die"),
    ]


def test_modality_comes_from_the_parse(nlp: Language) -> None:
    assert events_of(nlp, "John Smith did not meet Jane Doe.")[0][2] == "negated"
    assert events_of(nlp, "If she is killed, the court will have failed.")[0][1:3] == (
        "Die",
        "hypothetical",
    )
    assert events_of(nlp, "The company plans to cut 1,000 jobs.")[0][1:3] == (
        "End-position",
        "future",
    )
    assert events_of(nlp, "Police arrested John Smith on Sunday.")[0][1:3] == (
        "Arrest-jail",
        "asserted",
    )


def test_would_in_what_was_said_is_future_and_preventing_is_hypothetical(nlp: Language) -> None:
    """ "Said it would cut jobs": the future of the one who said it; "would ... if" a
    condition; "will not be captured" denied; "to prevent any escape" never happened."""
    assert events_of(nlp, "The company said it would cut 500 jobs.")[0][2] == "future"
    text = "An official confirmed the militia would begin handing over the city to the elders."
    assert events_of(nlp, text)[0][2] == "future"
    assert events_of(nlp, "He would face charges if he returned.")[0][2] == "hypothetical"
    assert events_of(nlp, "Officials believe he will not be captured.")[0][2] == "negated"
    assert events_of(nlp, "Tear gas was used to prevent any escape.")[0][1:3] == (
        "Transport",
        "hypothetical",
    )


MODALITY_SENTENCES: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "The building was destroyed, but nobody was injured in the attack.",
        [("injured", "negated"), ("attack", "asserted")],
    ),
    ("No forces returned to the town.", [("returned", "negated")]),
    ("Neither man entered Afghanistan.", [("entered", "negated")]),
    ("India ruled out any face-to-face talks.", [("talks", "negated")]),
    ("He hopes Boje arrives in time for the Test.", [("arrives", "hypothetical")]),
    ("Residents fear further attacks by militiamen.", [("attacks", "hypothetical")]),
    ("The law would allow ASIO to detain people.", [("detain", "hypothetical")]),
    ("The money enabled the group to fund training camps.", [("fund", "asserted")]),
    ("The party rejected a possible merger with the Liberals.", [("merger", "hypothetical")]),
    ("The interim government is to meet for the first time later today.", [("meet", "future")]),
    ("The executive meeting next Thursday will decide.", [("meeting", "future")]),
    ("He has promised to round up suicide bombers.", [("round", "future")]),
    ("Police said the suspects were arrested.", [("arrested", "asserted")]),
]
"""Sentences and the modality of their events: a subject or a verb that denies, a clause
hoped, feared or allowed, a possible event, one that is to be or whose time is to come."""


@pytest.mark.parametrize(
    ("text", "expected"), MODALITY_SENTENCES, ids=[t for t, _ in MODALITY_SENTENCES]
)
def test_modality_of_a_sentence(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(r.trigger.text, r.modality) for r in nlp(text)._.annotui_events] == expected


def test_a_later_mention_is_the_same_event(nlp: Language) -> None:
    text = "John Smith died on Monday in Perth. His death shocked the town."
    assert events_of(nlp, text) == [("died", "Die", "asserted", ["death"])]
    text = "John Smith met Jane Doe in Perth. A meeting with Bob Ray followed in May."
    assert len(events_of(nlp, text)) == 2  # "a meeting" with someone else: a new one


def test_the_phrases_of_justice_and_posts(nlp: Language) -> None:
    doc = nlp("A court sentenced Amina Lawal to death by stoning for adultery in March.")
    (sentence,) = doc._.annotui_events
    parts = {(a.span.text, a.part) for a in sentence.arguments}
    assert ("death by stoning", "sentence") in parts and ("adultery", "crime") in parts
    doc = nlp("The executive installed Brian Greig as interim leader last Thursday.")
    (installed,) = doc._.annotui_events
    assert ("interim leader", "position") in {(a.span.text, a.part) for a in installed.arguments}


def test_a_pronoun_agrees_with_what_the_text_calls_the_person(nlp: Language) -> None:
    text = (
        "President Olusegun Obasanjo said he would weep. Amina Lawal wept. "
        "He hopes the court will overturn her sentence."
    )
    doc = nlp(text)
    people = doc._.annotui_people
    sentence = next(r for r in doc._.annotui_events if r.type == "Sentence")
    assert {people[p.person].name for p in sentence.participants} <= {"Amina Lawal"}


def test_a_lead_introduces_before_it_names(nlp: Language) -> None:
    """News leads: "a single mother" in one sentence, named in the next; the court's appeal
    "by" her and the penalty clause of her sentence."""
    text = (
        "An Islamic high court in northern Nigeria rejected an appeal today by a single mother "
        "sentenced to be stoned to death for having sex out of wedlock. Clutching her baby, "
        "Amina Lawal burst into tears."
    )
    doc = nlp(text)
    people = doc._.annotui_people
    by_type = {r.type: r for r in doc._.annotui_events}
    appeal, sentence = by_type["Appeal"], by_type["Sentence"]
    assert {(people[p.person].name, p.part) for p in appeal.participants} == {
        ("Amina Lawal", "plaintiff")
    }
    assert appeal.place is not None and appeal.place.text.endswith("Nigeria")
    assert {(people[p.person].name, p.part) for p in sentence.participants} == {
        ("Amina Lawal", "defendant")
    }
    phrases = {(a.span.text, a.part) for a in sentence.arguments}
    assert ("stoned to death", "sentence") in phrases
    assert ("having sex out of wedlock", "crime") in phrases


def test_parties_found_beyond_the_trigger_s_own_words(nlp: Language) -> None:
    """A reflexive, the object of "urge", who is held responsible, a court referred to, and
    the consequence of an "if"."""

    def parts(text: str, kind: str) -> set[tuple[str, str]]:
        doc = nlp(text)
        people = doc._.annotui_people
        record = next(r for r in doc._.annotui_events if r.type == kind)
        found = {(people[p.person].name, p.part) for p in record.participants}
        return found | {(a.span.text, a.part) for a in record.arguments}

    shot = parts("Police said John Smith had shot and killed himself in Perth.", "Attack")
    assert {("John Smith", "attacker"), ("John Smith", "target")} <= shot
    urged = parts("The cleric rose today, urging Afghans to launch a holy war.", "Attack")
    assert ("Afghans", "attacker") in urged
    held = parts("The Fatah Revolutionary Council is held responsible for the bombing.", "Attack")
    assert ("The Fatah Revolutionary Council", "attacker") in held
    doc = nlp("If it is proven, John Smith will be referred to the sharia court.")
    (hearing,) = doc._.annotui_events
    assert (hearing.type, hearing.modality) == ("Trial-hearing", "hypothetical")
    assert [(a.span.text, a.part) for a in hearing.arguments] == [
        ("the sharia court", "adjudicator")
    ]
