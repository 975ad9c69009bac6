"""Reading a JSON lines file one line at a time, each error naming the file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from store.errors import StoreError


def json_lines(path: Path) -> Iterator[tuple[str, Any]]:
    """Yield ``("FILE:LINE", object)`` for each line that is not blank; a line that is not
    JSON, text that is not UTF-8 and a file that cannot be read raise :class:`StoreError`."""
    number = 0
    try:
        with path.open(encoding="utf-8") as file:  # JSON holds no raw newline in a string
            for number, line in enumerate(file, 1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as error:
                    raise StoreError(f"{where}: invalid JSON: {error.msg}") from error
                yield where, obj
    except UnicodeDecodeError as error:
        raise StoreError(f"{path}:{number + 1}: not UTF-8 text") from error
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror})") from error
