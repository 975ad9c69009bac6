"""The corpus on disk: articles and their annotations in a folder of TinyDB files.

Imports neither spaCy nor Textual: the app shows stored annotations before the model loads.
"""

from store.paths import default_store_path
from store.seeds import add_seed_articles, seed_dir
from store.store import (
    Article,
    ArticleSummary,
    HistoryEntry,
    Status,
    Store,
    StoreError,
    article_id,
)

__all__ = [
    "Article",
    "ArticleSummary",
    "HistoryEntry",
    "Status",
    "Store",
    "StoreError",
    "add_seed_articles",
    "article_id",
    "default_store_path",
    "seed_dir",
]
