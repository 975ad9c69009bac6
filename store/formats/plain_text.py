"""Plain text: one UTF-8 file (or standard input) is one article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.errors import StoreError


def headline(text: str) -> str | None:
    """Return the first line as the title when it stands alone, as a headline does (a short
    line followed by a blank one); else None (the store takes the first sentence)."""
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if first and len(first) <= 200 and rest.startswith(("\n", "\r\n")) and rest.strip():
        return first
    return None


def read_text(path: Path) -> str:
    """Return a file's UTF-8 text; a file that cannot be read is named with the reason."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise StoreError(f"{path}: not UTF-8 text (byte {error.start})") from error
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror})") from error


def text_item(text: str, source: str) -> dict[str, Any]:
    """Return the import item of one article's text (its headline as the title, if any)."""
    if not text.strip():
        raise StoreError(f"{source}: the article is empty")
    return {"text": text, "title": headline(text), "source": source}
