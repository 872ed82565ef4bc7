"""The durable state: raw copies of every file received, and an SQLite record of them."""

from pipeline.store.blobs import BlobStore
from pipeline.store.database import Store

__all__ = ["BlobStore", "Store"]
