"""Our own check of the extraction contract's JSON shape (``annotui extract --json``).

The tests use it on every contract object they produce; it lives here so that no test reads
anything outside the repository.
"""

from __future__ import annotations

from typing import Any

REQUIRED_KEYS = ("text", "source", "entities", "people", "events")


def _offsets_error(item: dict[str, Any], size: int, what: str) -> str | None:
    """Why ``item``'s ``start``/``end`` are not a non-empty range inside the text, or None."""
    start, end = item.get("start"), item.get("end")
    if type(start) is not int or type(end) is not int:
        return f"{what}: start and end must be integers, not {start!r}, {end!r}"
    if not 0 <= start < end <= size:
        return f"{what}: {start}..{end} is not a non-empty range of the text (0..{size})"
    return None


def contract_errors(obj: Any) -> list[str]:
    """Every way ``obj`` breaks the contract's shape (an empty list when it holds)."""
    if not isinstance(obj, dict):
        return ["not a JSON object"]
    missing = [key for key in REQUIRED_KEYS if key not in obj]
    if missing:
        return [f"missing {', '.join(missing)}"]
    text = obj["text"]
    if not isinstance(text, str):
        return ["text is not a string"]
    errors: list[str] = []

    def check_range(item: Any, what: str, text_key: str | None = None) -> None:
        if not isinstance(item, dict):
            errors.append(f"{what}: not an object")
            return
        error = _offsets_error(item, len(text), what)
        if error is not None:
            errors.append(error)
        elif text_key is not None and item.get(text_key) != text[item["start"] : item["end"]]:
            errors.append(f"{what}: {text_key} {item.get(text_key)!r} is not the text there")

    for n, entity in enumerate(obj["entities"]):
        check_range(entity, f"entity {n}", "text")
        if isinstance(entity, dict) and not isinstance(entity.get("label"), str):
            errors.append(f"entity {n}: no label")
    person_ids: set[Any] = set()
    for n, person in enumerate(obj["people"]):
        person_ids.add(person.get("id"))
        if not isinstance(person.get("name"), str) or not person["name"]:
            errors.append(f"person {n}: no name")
        if not person.get("mentions"):
            errors.append(f"person {n}: no mention")
        for mention in person.get("mentions", []):
            check_range(mention, f"mention of person {n}")
        for role in person.get("roles", []):
            if not isinstance(role.get("title"), str):
                errors.append(f"role of person {n}: no title")
            else:
                check_range(role, f"role {role['title']!r}")
    for n, event in enumerate(obj["events"]):
        check_range(event, f"event {n}", "trigger")
        for participant in event.get("participants", []):
            if participant.get("person") not in person_ids:
                errors.append(f"event {n}: participant {participant.get('person')!r} is nobody")
    return errors
