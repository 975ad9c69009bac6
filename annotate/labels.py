"""The label configuration: span labels (layer, colour, key, wording) and event types.

The defaults ship as ``annotate/default_labels.toml`` (spaCy's English entity labels, ``ROLE``,
``TRIGGER``, ``TIME_EXPR`` and ``PLACE``, and the event types with the parts each allows: the one
list of event types). :func:`load_config` reads the defaults, then the user's file, then
the store's file; each later file overrides the earlier ones label by label and event type by
event type. A file that cannot be used raises :class:`ConfigError` naming the file, the line and
what is wrong.

Pure standard library (``tomllib``): no Textual, so the store and the command line can use it.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final, get_args

from annotate.model import Layer, layer_of

DEFAULTS_RESOURCE: Final = "default_labels.toml"
"""Name of the shipped defaults inside the ``annotate`` package."""

STORE_CONFIG_NAME: Final = "config.toml"
"""Name of a store's own configuration file inside the store's folder."""

OTHER_COLOUR: Final = "#64748b"
"""Colour of a label the configuration does not know (and of a new label that sets none)."""

LAYER_TINT: Final[dict[Layer, int]] = {"entity": 38, "role": 22, "event": 22, "argument": 16}
"""Default strength, in percent, of a label's tint, by layer."""

LAYERS: Final[tuple[Layer, ...]] = get_args(Layer)
"""Every layer name."""

Reserved = Mapping[str, str] | Callable[[], Mapping[str, str]]
"""Keys a label may not use, each with what it does, or a function returning them (called
only when a file sets a key). The app computes them from its bindings
(:func:`tui.reserved_keys.reserved_keys`): this layer knows no keys of its own."""

_LABEL_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_TYPE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_PART_NAME = re.compile(r"[a-z][a-z0-9_]*")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_MODIFIED_KEY = re.compile(r"(?:ctrl|alt)\+[a-z0-9]")
_FUNCTION_KEY = re.compile(r"f(?:[1-9]|1[0-9]|2[0-4])")
_TOML_LINE = re.compile(r"at line (\d+)(?:, column (\d+))?")

_LABEL_FIELDS: Final = frozenset(
    {"layer", "description", "colour", "color", "tint", "key", "enabled"}
)
_TYPE_FIELDS: Final = frozenset(
    {"description", "parts", "default_part", "enabled", "group", "maps_to"}
)
_TOP_FIELDS: Final = frozenset({"labels", "parts", "event_types"})


class ConfigError(ValueError):
    """A configuration file cannot be used: names the file, the line and what is wrong."""

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {reason}")
        self.path = str(path)
        """The file."""
        self.line = line
        """1-based line of the problem, when it can be told."""
        self.reason = reason
        """What is wrong, without the place."""


@dataclass(frozen=True, slots=True)
class LabelSpec:
    """One span label: how it is drawn, named and typed."""

    name: str
    """The label itself (``PERSON``, ``ROLE``, ``TRIGGER``...)."""
    layer: Layer
    """Its layer (the model's :func:`~annotate.model.layer_of`)."""
    description: str
    """Wording of the legend and the label picker ("person", "event trigger")."""
    colour: str
    """Its colour, ``#rrggbb``."""
    tint: int
    """Strength of its tint in percent (by layer unless the configuration sets it)."""
    key: str | None = None
    """The key that applies it in the article view, or None."""


@dataclass(frozen=True, slots=True)
class PartSpec:
    """A part a participant can play in an event (``agent``, ``recipient``...)."""

    name: str
    """The part as stored in :class:`~annotate.model.Participant`."""
    description: str
    """Wording of the part picker ("who acts")."""


@dataclass(frozen=True, slots=True)
class EventTypeSpec:
    """An event type and the parts its participants may play."""

    name: str
    """The type as stored in :class:`~annotate.model.Event` (``Meeting``...)."""
    description: str
    """One line saying what counts as this type."""
    parts: tuple[str, ...]
    """The parts allowed, in picker order."""
    default_part: str
    """The part a new participant gets unless the annotator picks another."""
    group: str = ""
    """The ACE type it belongs to (``Life`` for ``Die``), for grouping; may be empty."""
    maps_to: str | None = None
    """For a type of an older annotui (``Meeting``): the type it is now (``Meet``). Events of
    it still load, show and export as they are; new events are not given it, and scores
    compare it as the type it maps to."""

    @property
    def legacy(self) -> bool:
        """True for a type kept for older stores (:attr:`maps_to` is set)."""
        return self.maps_to is not None


@dataclass(frozen=True, slots=True)
class LabelConfig:
    """The labels and event types in force: the defaults overridden by the user and the store."""

    labels: tuple[LabelSpec, ...]
    """Every enabled label, in configuration order."""
    event_types: tuple[EventTypeSpec, ...]
    """Every enabled event type, in configuration order."""
    parts: tuple[PartSpec, ...] = ()
    """Every declared participant part, in configuration order."""
    _by_name: dict[str, LabelSpec] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _by_key: dict[str, LabelSpec] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _types: dict[str, EventTypeSpec] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {s.name: s for s in self.labels})
        object.__setattr__(self, "_by_key", {s.key: s for s in self.labels if s.key})
        object.__setattr__(self, "_types", {t.name: t for t in self.event_types})

    def label(self, name: str) -> LabelSpec | None:
        """Return the label with this name, or None."""
        return self._by_name.get(name)

    def by_key(self, key: str) -> LabelSpec | None:
        """Return the label this key applies, or None."""
        return self._by_key.get(key)

    def keys(self) -> dict[str, str]:
        """Return every label key and the label it applies, in configuration order."""
        return {key: spec.name for key, spec in self._by_key.items()}

    def label_names(self) -> tuple[str, ...]:
        """Return the names of every label, in configuration order."""
        return tuple(spec.name for spec in self.labels)

    def of_layer(self, layer: Layer) -> tuple[LabelSpec, ...]:
        """Return the labels of one layer, in configuration order."""
        return tuple(spec for spec in self.labels if spec.layer == layer)

    def entity_labels(self) -> tuple[LabelSpec, ...]:
        """Return the entity-layer labels, in configuration order."""
        return self.of_layer("entity")

    def colour(self, label: str) -> str:
        """Return a label's colour (:data:`OTHER_COLOUR` for a label not configured)."""
        spec = self._by_name.get(label)
        return OTHER_COLOUR if spec is None else spec.colour

    def description(self, label: str) -> str:
        """Return a label's wording (the label in lower case for a label not configured)."""
        spec = self._by_name.get(label)
        return label.lower() if spec is None else spec.description

    def event_type(self, name: str) -> EventTypeSpec | None:
        """Return the event type with this name, or None."""
        return self._types.get(name)

    def event_type_names(self) -> tuple[str, ...]:
        """Return the names of every event type, in configuration order."""
        return tuple(spec.name for spec in self.event_types)

    def current_type_names(self) -> tuple[str, ...]:
        """Return the event types new events may have (not the legacy ones), in order."""
        return tuple(spec.name for spec in self.event_types if not spec.legacy)

    def canonical_type(self, name: str) -> str:
        """Return the type an event of type ``name`` counts as: a legacy type's
        :attr:`~EventTypeSpec.maps_to`, any other name itself."""
        spec = self._types.get(name)
        return spec.maps_to if spec is not None and spec.maps_to else name

    def parts_for(self, event_type: str) -> tuple[str, ...]:
        """Return the parts an event type allows; every declared part for an unknown type."""
        spec = self._types.get(event_type)
        if spec is not None:
            return spec.parts
        return tuple(part.name for part in self.parts)

    def default_part(self, event_type: str) -> str:
        """Return the part a new participant of this event type gets."""
        spec = self._types.get(event_type)
        if spec is not None:
            return spec.default_part
        parts = self.parts_for(event_type)
        return parts[0] if parts else "participant"

    def part_description(self, part: str) -> str:
        """Return the wording of a part ("" for a part not declared)."""
        for spec in self.parts:
            if spec.name == part:
                return spec.description
        return ""


# -- paths ---------------------------------------------------------------------------------------


def user_config_path(environ: Mapping[str, str] = os.environ) -> Path:
    """Return the user's configuration file (which need not exist).

    ``$ANNOTUI_CONFIG`` if set, else ``$XDG_CONFIG_HOME/annotui/config.toml``, else
    ``~/.config/annotui/config.toml``.
    """
    explicit = environ.get("ANNOTUI_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    xdg = environ.get("XDG_CONFIG_HOME")
    base = Path(xdg).expanduser() if xdg else _home(environ) / ".config"
    return base / "annotui" / "config.toml"


def _home(environ: Mapping[str, str]) -> Path:
    home = environ.get("HOME")
    return Path(home) if home else Path.home()


def is_label_name(name: str) -> bool:
    """True for a name a label configuration accepts (UPPER_CASE: A-Z, 0-9, _)."""
    return _LABEL_NAME.fullmatch(name) is not None


def store_config_path(store: Path) -> Path:
    """Return a store's configuration file: ``<store>/config.toml`` for a store folder."""
    return store / STORE_CONFIG_NAME if store.is_dir() else store


# -- loading -------------------------------------------------------------------------------------


@functools.cache
def default_config() -> LabelConfig:
    """Return the shipped defaults (``annotate/default_labels.toml``), read once."""
    return _default_layers().build(DEFAULTS_RESOURCE)


def load_config(
    user: Path | None = None, store: Path | None = None, *, reserved: Reserved | None = None
) -> LabelConfig:
    """Return the defaults overridden by the user's file, then by the store's.

    ``user`` is the user's file (see :func:`user_config_path`); ``store`` is the store's
    ``config.toml`` or the store's folder. A missing file, or None, is skipped. A label key
    among ``reserved`` is refused. Raises :class:`ConfigError` naming the file and line for a
    file that is not valid.
    """
    merged = _default_layers()
    merged.reserved = reserved
    last = DEFAULTS_RESOURCE
    for path in (user, None if store is None else store_config_path(store)):
        if path is None:
            continue
        text = _read(path)
        if text is None:
            continue
        merged.apply(_parse(text, str(path)), text, str(path))
        last = str(path)
    return merged.build(last)


def _default_layers() -> _Merged:
    text = resources.files("annotate").joinpath(DEFAULTS_RESOURCE).read_text(encoding="utf-8")
    merged = _Merged()
    merged.apply(_parse(text, DEFAULTS_RESOURCE), text, DEFAULTS_RESOURCE)
    return merged


def _read(path: Path) -> str | None:
    """Return a file's text, None when it does not exist."""
    try:
        if path.exists() and not (path.is_file() or path.is_dir()):  # a pipe would block
            raise ConfigError(path, None, "is not a regular file (a named pipe, a device?)")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ConfigError(path, None, "is a folder, not a configuration file") from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise ConfigError(path, line, "is not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(path, None, f"cannot be read: {error.strerror or error}") from None


def _parse(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        raise ConfigError(name, line, f"not valid TOML: {error}") from None


# -- merging and checking ------------------------------------------------------------------------


@dataclass
class _Entry:
    """A label's or event type's fields so far, and the file that set each."""

    fields: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)


@dataclass
class _Merged:
    """The configuration while files are applied one after the other."""

    labels: dict[str, _Entry] = field(default_factory=dict)
    types: dict[str, _Entry] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)
    reserved: Reserved | None = None
    """Keys a label may not use (see :data:`Reserved`)."""

    def reserved_keys(self) -> Mapping[str, str]:
        """The reserved keys, asked for once."""
        if callable(self.reserved):
            self.reserved = self.reserved()
        return self.reserved or {}

    def apply(self, data: Mapping[str, Any], text: str, name: str) -> None:
        """Merge one parsed file into the configuration, checking it as a whole afterwards."""
        where = _Locator(text, name)
        for key in data:
            if key not in _TOP_FIELDS:
                raise where.error((key,), _unknown("top-level table", key, _TOP_FIELDS))
        parts = _table(data, "parts", where)
        for part, description in parts.items():
            if not _PART_NAME.fullmatch(part):
                raise where.error(("parts", part), f"part name {part!r} is not lower_snake_case")
            if not isinstance(description, str):
                raise where.error(("parts", part), f"part {part!r} needs a description (a string)")
            self.parts[part] = description
        for label, table in _table(data, "labels", where).items():
            self._apply_label(label, table, where)
        for type_name, table in _table(data, "event_types", where).items():
            self._apply_type(type_name, table, where)
        self._check(where)

    def _apply_label(self, label: str, table: Any, where: _Locator) -> None:
        at = ("labels", label)
        if not _LABEL_NAME.fullmatch(label):
            raise where.error(at, f"label name {label!r} is not UPPER_CASE (A-Z, 0-9, _)")
        if not isinstance(table, dict):
            raise where.error(at, f"label {label} must be a table ([labels.{label}])")
        if "colour" in table and "color" in table:
            raise where.error(at, f"label {label} sets both colour and color")
        entry = self.labels.setdefault(label, _Entry())
        for key, value in table.items():
            here = (*at, key)
            if key not in _LABEL_FIELDS:
                raise where.error(here, _unknown(f"key in label {label}", key, _LABEL_FIELDS))
            key = "colour" if key == "color" else key
            entry.fields[key] = _check_label_field(label, key, value, here, where, self)
            entry.origin[key] = where.name

    def _apply_type(self, type_name: str, table: Any, where: _Locator) -> None:
        at = ("event_types", type_name)
        if not _TYPE_NAME.fullmatch(type_name):
            raise where.error(
                at, f"event type name {type_name!r} is not a word (A-Z, a-z, 0-9, _, -)"
            )
        if not isinstance(table, dict):
            raise where.error(at, f"event type {type_name} must be a table")
        entry = self.types.setdefault(type_name, _Entry())
        for key, value in table.items():
            here = (*at, key)
            if key not in _TYPE_FIELDS:
                raise where.error(
                    here, _unknown(f"key in event type {type_name}", key, _TYPE_FIELDS)
                )
            entry.fields[key] = _check_type_field(type_name, key, value, here, where)
            entry.origin[key] = where.name
        default = entry.fields.get("default_part")
        if "parts" in table and "default_part" not in table and default not in table["parts"]:
            # New parts without the default an earlier file set: the first part is the default.
            entry.fields.pop("default_part", None)

    def _check(self, where: _Locator) -> None:
        """Check what only the whole configuration can tell: shared keys, parts, defaults."""
        holders: dict[str, str] = {}
        for label, entry in self.labels.items():
            key = entry.fields.get("key")
            if not key or not entry.fields.get("enabled", True):
                continue
            other = holders.get(key)
            if other is not None:
                blamed, kept = (label, other)
                if entry.origin.get("key") != where.name:
                    blamed, kept = (other, label)
                raise where.error(
                    ("labels", blamed, "key"),
                    f"duplicate key binding: {key!r} is the key of both {kept} and {blamed}",
                )
            holders[key] = label
        for type_name, entry in self.types.items():
            at = ("event_types", type_name)
            parts = entry.fields.get("parts")
            if not parts:
                raise where.error(at, f"event type {type_name} needs parts = [...]")
            for part in parts:
                if part not in self.parts:
                    raise where.error(
                        (*at, "parts"),
                        f"event type {type_name}: "
                        + _unknown("part", part, self.parts, "declare it under [parts]"),
                    )
            default = entry.fields.get("default_part")
            if default is not None and default not in parts:
                raise where.error(
                    (*at, "default_part"),
                    f"event type {type_name}: default_part {default!r} is not one of its parts",
                )
            target = entry.fields.get("maps_to")
            if target is not None:
                other = self.types.get(target)
                if other is None or other.fields.get("maps_to") is not None:
                    raise where.error(
                        (*at, "maps_to"),
                        f"event type {type_name}: maps_to {target!r} is not an event type "
                        "of its own (one without maps_to)",
                    )

    def build(self, name: str) -> LabelConfig:
        """Return the configuration: every enabled label and event type."""
        labels = tuple(
            _label_spec(label, entry.fields)
            for label, entry in self.labels.items()
            if entry.fields.get("enabled", True)
        )
        types = tuple(
            EventTypeSpec(
                name=type_name,
                description=entry.fields.get("description", ""),
                parts=tuple(entry.fields["parts"]),
                default_part=entry.fields.get("default_part") or entry.fields["parts"][0],
                group=entry.fields.get("group", ""),
                maps_to=entry.fields.get("maps_to"),
            )
            for type_name, entry in self.types.items()
            if entry.fields.get("enabled", True)
        )
        if not labels:
            raise ConfigError(name, None, "every label is disabled")
        parts = tuple(PartSpec(part, description) for part, description in self.parts.items())
        return LabelConfig(labels=labels, event_types=types, parts=parts)


def _label_spec(label: str, fields: Mapping[str, Any]) -> LabelSpec:
    layer = fields.get("layer") or layer_of(label)
    return LabelSpec(
        name=label,
        layer=layer,
        description=fields.get("description") or label.lower(),
        colour=fields.get("colour", OTHER_COLOUR),
        tint=fields.get("tint") or LAYER_TINT[layer],
        key=fields.get("key") or None,
    )


def _check_label_field(
    label: str, key: str, value: Any, here: tuple[str, ...], where: _Locator, merged: _Merged
) -> Any:
    """Return a label field's value, normalised, or raise naming what is wrong."""
    if key == "enabled":
        return _boolean(value, f"label {label}: enabled", here, where)
    if key == "tint":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise where.error(here, f"label {label}: tint must be a whole number from 1 to 100")
        return value
    if not isinstance(value, str):
        raise where.error(here, f"label {label}: {key} must be a string, not {_kind(value)}")
    if key == "layer":
        if value not in LAYERS:
            raise where.error(
                here, f"label {label}: " + _unknown("layer", value, LAYERS, "one of " + _or(LAYERS))
            )
        if value != layer_of(label):
            raise where.error(
                here,
                f"label {label}: layer {value!r} is not the model's layer for it, "
                f"{layer_of(label)!r} (only ROLE, TRIGGER, TIME_EXPR, PLACE and PHRASE are not "
                "entities)",
            )
        return value
    if key == "colour":
        if not _COLOUR.fullmatch(value):
            raise where.error(
                here, f'label {label}: bad colour "{value}" (write "#rrggbb" or "#rgb")'
            )
        return _long_colour(value)
    if key == "key":
        problem = check_key(value, merged.reserved_keys() if value else {})
        if problem:
            raise where.error(here, f"label {label}: {problem}")
        return value
    return value  # description


def check_key(key: str, reserved: Mapping[str, str] | None = None) -> str | None:
    """Return why a label key cannot be used, or None when it can ("" means no key).

    ``reserved`` maps the keys the article view uses itself to what they do there; named keys
    (arrows, tab, enter...) are never label keys.
    """
    if key == "":
        return None
    printable = len(key) == 1 and key.isprintable() and not key.isspace()
    if not (printable or _MODIFIED_KEY.fullmatch(key) or _FUNCTION_KEY.fullmatch(key)):
        return (
            f"key {key!r} is not one key (write one character such as 'h', "
            "'ctrl+<letter>', 'alt+<letter>' or 'f1'..'f24')"
        )
    does = (reserved or {}).get(key)
    if does is not None:
        return f"key {key!r} is reserved in the article view ({does})"
    return None


def _check_type_field(
    type_name: str, key: str, value: Any, here: tuple[str, ...], where: _Locator
) -> Any:
    """Return an event type field's value, or raise naming what is wrong."""
    if key == "enabled":
        return _boolean(value, f"event type {type_name}: enabled", here, where)
    if key == "parts":
        if not isinstance(value, list) or not value or not all(isinstance(p, str) for p in value):
            raise where.error(
                here, f"event type {type_name}: parts must be a non-empty list of part names"
            )
        if len(set(value)) != len(value):
            raise where.error(here, f"event type {type_name}: parts are listed twice")
        return tuple(value)
    if not isinstance(value, str):
        raise where.error(here, f"event type {type_name}: {key} must be a string")
    return value


def _boolean(value: Any, what: str, here: tuple[str, ...], where: _Locator) -> bool:
    if not isinstance(value, bool):
        raise where.error(here, f"{what} must be true or false, not {_kind(value)}")
    return value


def _table(data: Mapping[str, Any], name: str, where: _Locator) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise where.error((name,), f"{name} must be a table ([{name}...])")
    return table


def _long_colour(value: str) -> str:
    value = value.lower()
    if len(value) == 4:
        return "#" + "".join(c * 2 for c in value[1:])
    return value


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list"}.get(
        type(value), type(value).__name__
    )


def _or(names: Iterable[str]) -> str:
    names = list(names)
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


def _unknown(what: str, name: str, known: Iterable[str], hint: str = "") -> str:
    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=1)
    tail = f"did you mean {close[0]!r}?" if close else hint or "known: " + ", ".join(known)
    return f"unknown {what} {name!r}; {tail}"


# -- locating a problem in the file --------------------------------------------------------------

_HEADER = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?")
_ASSIGN = re.compile(r"""\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-.\s])+?)\s*=""")
_KEY_PART = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_\-]+)\s*(?:\.|$)""")


def _dotted(key: str) -> tuple[str, ...]:
    parts: list[str] = []
    for found in _KEY_PART.finditer(key):
        part = found.group(1)
        parts.append(part[1:-1] if part[:1] in "\"'" else part)
    return tuple(parts)


class _Locator:
    """Finds the line of a key path (``labels.PERSON.colour``) in a TOML file's text."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self._paths: list[tuple[int, tuple[str, ...]]] = []
        table: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            if line.lstrip().startswith("#"):
                continue
            header = _HEADER.fullmatch(line)
            if header and not line.lstrip().startswith("[["):
                table = _dotted(header.group(1))
                self._paths.append((number, table))
                continue
            assign = _ASSIGN.match(line)
            if assign:
                self._paths.append((number, table + _dotted(assign.group(1))))

    def line(self, path: tuple[str, ...]) -> int | None:
        """Return the line that best matches a key path (the longest common prefix, first)."""
        best: tuple[int, int | None] = (0, None)
        for number, found in self._paths:
            shared = 0
            for mine, theirs in zip(path, found, strict=False):
                if mine != theirs:
                    break
                shared += 1
            if shared > best[0]:
                best = (shared, number)
        return best[1]

    def error(self, path: tuple[str, ...], reason: str) -> ConfigError:
        """Return the error for a problem at a key path of this file."""
        return ConfigError(self.name, self.line(path), reason)
