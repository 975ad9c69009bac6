"""An article as it is now: its file's tables with its journal replayed (store/journal.py).

:class:`ArticleState` is immutable: replaying an entry returns a new state, so a write that
fails leaves the cached state as it was. The write path and the read path replay entries
with the same :meth:`ArticleState.replay`, so what a process wrote is what every process
reads back. Records hold :class:`~annotate.model.Annotation` values where the file holds
their dict form; :class:`ArticleTexts` writes them (store/annotation_json.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from annotate.edits import EditConflict, Patch
from annotate.model import Annotation
from store.fast_apply import Pools, apply_checked, pools_of, slow_apply
from store.history import BASE_TABLE, first_undone, last_done, patch_of
from store.journal import COMPACTED_TABLE, compacted_table, through_of
from store.records import (
    ANNOTATION_TABLE,
    ARTICLE_TABLE,
    HISTORY_TABLE,
    RECORD_ID,
    RECORD_VERSION,
    annotation_from_record,
    failure_reason,
    people_named,
    single,
    status_of,
    summary_record,
)
from store.values import Status

_KNOWN = {ARTICLE_TABLE, ANNOTATION_TABLE, HISTORY_TABLE, BASE_TABLE, COMPACTED_TABLE}


@dataclass(frozen=True, eq=False)
class ArticleState:
    """One article, its annotation, status and history as they are now (shared: never mutate)."""

    article: Mapping[str, Any]
    """The article record."""
    status: Status
    """Review status."""
    updated: str | None
    """Time of the last annotation or status change."""
    has_state: bool
    """True when the file has an annotation record (an annotation or a status was saved)."""
    annotation: Annotation | None
    """The saved annotation; None when none was saved."""
    history: Mapping[str, Mapping[str, Any]]
    """History records by ``seq``, oldest first (store/history.py)."""
    base: Mapping[str, Any] | None
    """The ``history_base`` record; its ``annotation`` is a dict or an :class:`Annotation`."""
    through: int
    """The last journal entry this state holds."""
    base_through: int
    """The last journal entry the article file holds."""
    journal_after: int = 0
    """The journal's ``after`` as read."""
    journal_entries: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """The journal's entries as read (those up to ``base_through`` included)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Tables of the article file this annotui does not know, kept as they are."""
    failed: Mapping[str, Any] | None = None
    """The record of the model's last run when it failed (reason, model, time), else None."""
    _people: list[tuple[str, ...] | None] = field(default_factory=lambda: [None])
    _pools: list[Pools | None] = field(default_factory=lambda: [None])
    _clean: list[bool | None] = field(default_factory=lambda: [None])

    @property
    def text(self) -> str:
        """The article text."""
        return str(self.article["text"])

    @property
    def current(self) -> Annotation:
        """The annotation, or an empty one when none was saved."""
        return self.annotation if self.annotation is not None else Annotation(text=self.text)

    def tables(self) -> dict[str, Any]:
        """Return the state as article-file tables (records may hold Annotation values)."""
        state = self.state_record()
        tables: dict[str, Any] = {
            ARTICLE_TABLE: {str(RECORD_ID): self.article},
            ANNOTATION_TABLE: {} if state is None else {str(RECORD_ID): state},
            HISTORY_TABLE: self.history,
        }
        if self.base is not None:
            tables[BASE_TABLE] = {str(RECORD_ID): self.base}
        return {**tables, **self.extra}

    def file_tables(self, through: int) -> dict[str, Any]:
        """Return the tables of the article file holding this state and journal up to
        ``through``."""
        return {**self.tables(), COMPACTED_TABLE: compacted_table(through)}

    def state_record(self) -> dict[str, Any] | None:
        """Return the annotation record (its annotation an :class:`Annotation`), if any."""
        if not self.has_state:
            return None
        record = {
            "schema_version": RECORD_VERSION,
            "status": self.status,
            "updated": self.updated,
            "annotation": self.annotation,
        }
        if self.failed is not None:
            record["failed"] = self.failed
        return record

    def next_jseq(self) -> int:
        """Return the number the next journal entry gets."""
        keys = (int(key) for key in self.journal_entries)
        return max(self.through, self.base_through, self.journal_after, *keys) + 1

    def summary(self) -> dict[str, Any]:
        """Return the article's index record (without ``rev``)."""
        return summary_record(
            str(self.article["id"]),
            str(self.article.get("title", "")),
            self.status,
            self.annotation,
            self.updated if self.has_state else None,
            people=self.people_names(),
            failed=None if self.failed is None else failure_reason(self.state_record()),
        )

    def people_names(self) -> tuple[str, ...]:
        """Return the names of the people with a live mention (kept)."""
        if self._people[0] is None:
            self._people[0] = people_named(self.annotation)
        return self._people[0]

    def pools(self) -> Pools:
        """Items of the annotation by kind and id (kept)."""
        if self._pools[0] is None:
            self._pools[0] = pools_of(self.current)
        pools = self._pools[0]
        assert pools is not None
        return pools

    def clean(self) -> bool:
        """True when the annotation has no problems (checked once)."""
        if self._clean[0] is None:
            self._clean[0] = not self.current.problems()
        return bool(self._clean[0])

    # -- changes ------------------------------------------------------------------------

    def applied(self, patch: Patch) -> tuple[Annotation, Pools | None]:
        """Return ``patch`` applied to the annotation (and its pools when kept), checked:
        :class:`EditConflict` when it does not fit."""
        current = self.current
        if self.clean():
            return apply_checked(patch, current, self.pools())
        return slow_apply(patch, current), None

    def replay(self, entry: Mapping[str, Any]) -> tuple[ArticleState, Patch | None]:
        """Return the state after journal entry ``entry`` and the patch it applied, if any.

        Raises :class:`EditConflict` when an edit does not fit and ``ValueError`` when the
        entry does not follow on this state.
        """
        jseq = int(entry["jseq"])
        if jseq <= self.through:
            return self, None
        op = entry["op"]
        time = str(entry["time"])
        if op == "status":
            return replace(
                self, status=entry["status"], updated=time, has_state=True, through=jseq
            ), None
        if op == "edit":
            patch = Patch.from_dict(entry["patch"])
            return self._edited(patch, entry, jseq), patch
        seq = int(entry["seq"])
        tables = {HISTORY_TABLE: self.history}
        record = last_done(tables) if op == "undo" else first_undone(tables)
        if record is None or int(record["seq"]) != seq:
            raise ValueError(f"its entry {jseq} {op}s history entry {seq}, which cannot be {op}ne")
        patch = patch_of(record)
        if op == "undo":
            patch = patch.inverse()
        new, pools = self.applied(patch)
        action = {"action": op, "annotator": entry["annotator"], "time": time}
        marked = {**record, "undone": op == "undo", "log": [*record.get("log", ()), action]}
        history = {**self.history, str(seq): marked}
        return self._with(new, pools, patch, history, self.base, time, jseq), patch

    def _edited(self, patch: Patch, entry: Mapping[str, Any], jseq: int) -> ArticleState:
        before = self.current
        new, pools = self.applied(patch)
        base = self.base
        if base is None:
            base = {"schema_version": RECORD_VERSION, "annotation": before, "next_seq": 1}
        kept = {key: r for key, r in self.history.items() if not r.get("undone")}
        seq = max([int(base["next_seq"]), *(int(key) + 1 for key in kept)])
        if seq != entry["seq"]:
            raise ValueError(f"its entry {jseq} records history entry {entry['seq']}, not {seq}")
        kept[str(seq)] = {
            "schema_version": RECORD_VERSION,
            "seq": seq,
            "description": patch.description,
            "annotator": entry["annotator"],
            "time": entry["time"],
            "undone": False,
            "patch": entry["patch"],
        }
        base = {**base, "next_seq": seq + 1}
        return self._with(new, pools, patch, kept, base, str(entry["time"]), jseq)

    def _with(
        self,
        annotation: Annotation,
        pools: Pools | None,
        patch: Patch,
        history: Mapping[str, Mapping[str, Any]],
        base: Mapping[str, Any] | None,
        time: str,
        jseq: int,
    ) -> ArticleState:
        status: Status = "in_progress" if self.status == "new" else self.status
        people = self._people if _keeps_people(patch) else [None]
        return replace(
            self,
            annotation=annotation,
            status=status,
            updated=time,
            has_state=True,
            history=history,
            base=base,
            through=jseq,
            _people=people,
            _pools=[pools],
            _clean=[True if pools is not None else None],
        )

    def edit_seq(self) -> int:
        """Return the history ``seq`` the next edit gets."""
        base = self.base
        kept = [int(key) + 1 for key, r in self.history.items() if not r.get("undone")]
        return max([1 if base is None else int(base["next_seq"]), *kept])


def _keeps_people(patch: Patch) -> bool:
    """True when the names of people with a live mention cannot change with ``patch``."""
    for change in patch.changes:
        if change.kind == "people":
            return False
        if change.kind == "spans":
            old, new = change.before, change.after
            if old is None or new is None or old.rejected != new.rejected or old.start != new.start:
                return False
    return True


def state_of(tables: Mapping[str, Any]) -> ArticleState:
    """Return the state an article file's checked tables hold; ``ValueError`` when its
    annotation is malformed."""
    article = single(tables, ARTICLE_TABLE) or {}
    record = single(tables, ANNOTATION_TABLE)
    annotation = annotation_from_record(record, article["text"])
    history = tables.get(HISTORY_TABLE) or {}
    if list(history) != sorted(history, key=int):
        history = {key: history[key] for key in sorted(history, key=int)}
    through = through_of(tables)
    return ArticleState(
        article=article,
        status=status_of(record),
        updated=None if record is None else record.get("updated"),
        has_state=record is not None,
        annotation=annotation,
        history=history,
        base=single(tables, BASE_TABLE),
        through=through,
        base_through=through,
        extra={name: table for name, table in tables.items() if name not in _KNOWN},
        failed=None if record is None else _failed(record),
    )


def _failed(record: Mapping[str, Any]) -> Mapping[str, Any] | None:
    failed = record.get("failed")
    return failed if isinstance(failed, Mapping) else None


def base_annotation(state: ArticleState) -> Annotation | None:
    """Return the annotation before the first recorded edit, or None."""
    if state.base is None:
        return None
    value = state.base["annotation"]
    if isinstance(value, Annotation):
        return value
    return Annotation.from_dict(value, text=state.text)


__all__ = ["ArticleState", "EditConflict", "base_annotation", "state_of"]
