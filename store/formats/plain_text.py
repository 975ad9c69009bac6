"""Plain text: one file (or standard input) is one article, or each line is (``--lines``).

Text is UTF-8 unless an encoding is given; a file that is not UTF-8 is read in the encoding
``charset-normalizer`` detects, with a notice naming it, and the article's metadata keeps it
(``metadata["encoding"]``).

The stored text always ends its lines with ``\\n``. A file whose lines ended otherwise is
noted in the article's metadata: ``metadata["line_endings"]`` is ``"crlf"`` (Windows),
``"cr"`` (old Macintosh) or ``"mixed"``; an article with ``\\n`` line ends has no such key.
A file that decodes as UTF-8 but is mostly NUL or other control characters (a binary file, or
UTF-16 text) is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from store.errors import StoreError

ENCODING: Final = "encoding"
"""Metadata key naming the encoding a text was read in when it was not UTF-8."""
LINE_ENDINGS: Final = "line_endings"
"""Metadata key naming a text's line ends when they were not ``\\n``."""
BINARY_SHARE: Final = 0.1
"""A text with more than this share of control characters is taken for a binary file."""
_CONTROL: Final = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters no text file holds (tab, newline, VT, FF and CR are left out)."""


def headline(text: str) -> str | None:
    """Return the first line as the title when it stands alone, as a headline does (a short
    line followed by a blank one); else None (the store takes the first sentence)."""
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if first and len(first) <= 200 and rest.startswith(("\n", "\r\n")) and rest.strip():
        return first
    return None


def decode(raw: bytes, name: str) -> str:
    """Return ``raw`` decoded as UTF-8; bytes that are not are named with their offset."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StoreError(f"{name}: not UTF-8 text (byte {error.start})") from error


def decode_text(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Return ``raw``'s text and the encoding it was read in: ``encoding`` when given, else
    UTF-8, else the one ``charset-normalizer`` detects. Raises :class:`StoreError` naming the
    file and the first byte that does not decode, or saying no encoding was found."""
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError as error:
            raise StoreError(f"{name}: not {encoding} text (byte {error.start})") from error
    try:
        return decode(raw, name), "utf-8"
    except StoreError as error:
        found = detect_encoding(raw)
        if found is None:
            raise StoreError(f"{error}; no other encoding fits: give --encoding") from error
        return raw.decode(found), found


WESTERN: Final = "cp1252"
"""Taken when it fits about as well as the best guess. Short texts, and long ones with few
bytes outside ASCII, fit many encodings almost equally (a lone ``£`` reads as ``Ł`` in cp1250,
and as a katakana in cp932 with no language evidence at all); most legacy news text is
Windows-1252, of which Latin-1's printable characters are a part."""
CLOSE: Final = 0.05
"""How much worse than the best a fit of :data:`WESTERN` may be and still be taken."""


def detect_encoding(raw: bytes) -> str | None:
    """The encoding that fits ``raw`` best (a Python codec name), or None when none does.

    ``charset-normalizer`` lists the encodings that decode it, each with its chaos (mess in
    the decoded text) and coherence (how much it reads like a language); the best fit has the
    least chaos less coherence, and :data:`WESTERN` is taken when it is within :data:`CLOSE`.
    """
    from charset_normalizer import from_bytes

    fits = {match.encoding: match.chaos - match.coherence for match in from_bytes(raw)}
    if not fits:
        return None
    best = min(fits, key=fits.__getitem__)
    western = fits.get(WESTERN)
    return WESTERN if western is not None and western <= fits[best] + CLOSE else best


def read_text(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Return a file's text as it is (line ends kept) and the encoding it was read in (see
    :func:`decode_text`); a file that cannot be read is named with the reason."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror})") from error
    return decode_text(raw, str(path), encoding)


def unify_line_endings(text: str) -> tuple[str, str | None]:
    """Return ``text`` with ``\\n`` line ends, and the name of its own line ends when they
    were others: ``"crlf"``, ``"cr"`` or ``"mixed"`` (else None)."""
    if "\r" not in text:
        return text, None
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    kind = "crlf" if lone_cr == lone_lf == 0 else "cr" if crlf == lone_lf == 0 else "mixed"
    return text.replace("\r\n", "\n").replace("\r", "\n"), kind


def check_text(text: str, where: str) -> None:
    """Raise :class:`StoreError` naming ``where`` when ``text`` is empty or looks binary."""
    if not text.strip():
        raise StoreError(f"{where}: the article is empty")
    if _CONTROL.search(text) is None:  # the usual case, found without counting
        return
    controls = len(text) - len(_CONTROL.sub("", text))
    if controls > BINARY_SHARE * len(text):
        raise StoreError(
            f"{where}: not text but binary data: {controls} of its {len(text)} characters "
            "are NUL or other control characters"
        )


def text_item(text: str, source: str, encoding: str = "utf-8") -> dict[str, Any]:
    """Return the import item of one article's text (its headline as the title, if any; its
    line ends and encoding in the metadata when they were not ``\n`` and UTF-8)."""
    text, endings = unify_line_endings(text)
    check_text(text, source)
    item: dict[str, Any] = {"text": text, "title": headline(text), "source": source}
    metadata = {LINE_ENDINGS: endings} if endings is not None else {}
    if encoding.replace("_", "-").lower() not in ("utf-8", "utf8"):
        metadata[ENCODING] = encoding
    if metadata:
        item["metadata"] = metadata
    return item


def line_items(text: str, source: str, encoding: str = "utf-8") -> Iterator[dict[str, Any]]:
    """One import item per line that is not blank (a corpus of one article per line); each
    item's source names its line."""
    for number, line in enumerate(unify_line_endings(text)[0].split("\n"), 1):
        if line.strip():
            yield text_item(line.strip(), f"{source}:{number}", encoding)
