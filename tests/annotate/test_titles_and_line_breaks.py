"""A headline on a line of its own is its own sentence: no person, role, event or argument
reaches across a line break, and a title-case headline is not taken for one long name."""

from __future__ import annotations

from annotate.model import Annotation
from annotate.pipeline import Annotator
from store.titles import default_title, title_line
from tui.safe_text import one_line

HEADLINED = (
    "Mayor Greets Envoy\n\n"
    "Talks in Lisbon\n\n"
    "Foreign Minister Clara Duval met the mayor of Porto on Friday. "
    "Prime Minister Tomas Vieira said the meeting went well.\n"
    "Duval arrived by train."
)


def _spans(annotation: Annotation) -> list[tuple[str, str]]:
    return [(s.text_in(annotation.text), s.label) for s in annotation.spans]


def test_no_span_crosses_a_line_break(annotator: Annotator) -> None:
    annotation = annotator.annotate(HEADLINED)
    assert all("\n" not in text for text, _ in _spans(annotation))
    roles = {annotation.span_text(role.span) for role in annotation.roles}
    assert "Foreign Minister" in roles
    met = next(e for e in annotation.events if annotation.span_text(e.trigger) == "met")
    who = {annotation.person(p.person).name for p in met.participants}
    assert "Clara Duval" in who and all(p.part == "entity" for p in met.participants)


def test_the_headline_is_a_sentence_of_its_own(annotator: Annotator) -> None:
    doc = annotator.nlp(HEADLINED)
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[:3] == [
        "Mayor Greets Envoy",
        "Talks in Lisbon",
        "Foreign Minister Clara Duval met the mayor of Porto on Friday.",
    ]


def test_a_title_case_headline_is_not_one_person(annotator: Annotator) -> None:
    text = "Putin Meets Kim\n\nVladimir Putin met Kim Jong Un in Vostochny on Wednesday."
    annotation = annotator.annotate(text)
    assert "Putin Meets Kim" not in {p.name for p in annotation.people}
    assert ("Putin Meets Kim", "PERSON") not in _spans(annotation)


def test_the_title_is_the_headline_line_or_the_first_whole_sentence() -> None:
    assert title_line(HEADLINED) == (0, len("Mayor Greets Envoy"))
    assert default_title(HEADLINED) == "Mayor Greets Envoy"
    assert title_line("One paragraph only, with no line break.") is None
    assert title_line("A first sentence ends here.\nThe second line.") is None
    assert title_line("Lone headline\n") is None  # nothing under it: not a title
    assert default_title("Troops fired at a major U.N. base on Sept. 3 at dawn. Then more.") == (
        "Troops fired at a major U.N. base on Sept. 3 at dawn."
    )
    assert default_title("Dr. J. Smith spoke at the U.N. Security Council. Next.") == (
        "Dr. J. Smith spoke at the U.N. Security Council."
    )


def test_names_and_titles_read_across_a_line_break_show_on_one_line() -> None:
    assert one_line("Kim\n\nPresident") == "Kim President"
    assert one_line("a\x1b[31mred") == "a␛[31mred"
