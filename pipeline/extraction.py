"""The pure work of a refresh: each changed document cleaned, its figures extracted and its
language told, a batch at a time, here (`InProcess`, the default) or on a Dask cluster
(pipeline/cluster.py). The refresh writes the batches in the order it sent them, whoever
read them, so that the store is the same either way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from extract import Figure, detect_language, extract_figures
from extract.formats import Document, clean_document

from .history import extractor_version


class ClusterError(Exception):
    """The Dask cluster cannot be started or reached, or runs another extractor."""


@dataclass
class Read:
    """One document as the extractor read it (cleaned), its figures and language; or why
    it could not be read."""

    document: Document | None
    figures: list[Figure] = field(default_factory=list)
    language: str = ""
    error: str = ""  # "ValueError: ..." when it could not be read


def read_document(document: Document) -> Read:
    """Clean a document, extract its figures and tell its language; an error in any of them
    is kept as one line, never raised (one bad document never stops a refresh)."""
    try:
        document = clean_document(document)
        found = extract_figures(document.text, document.published, document.publisher,
                                document.title, document.url)
        return Read(document, found, detect_language(document.text))
    except Exception as exc:
        return Read(None, error=f"{type(exc).__name__}: {exc}")


def read_batch(documents: list[Document]) -> tuple[str, list[Read]]:
    """The task a cluster's worker runs: each document read, with the version of the
    extractor that read them (a worker running other code must not write the store)."""
    return extractor_version(), [read_document(d) for d in documents]


class Extraction(Protocol):
    """Where batches are read: `submit` sends one and gives the call that waits for its
    reads (in the order given); up to `ahead` batches are sent before the first is
    written."""

    ahead: int

    def submit(self, documents: list[Document]) -> Callable[[], list[Read]]: ...


class InProcess:
    """Read each batch here, when it is submitted: one process, no start-up cost."""

    ahead = 0

    def submit(self, documents: list[Document]) -> Callable[[], list[Read]]:
        """Read the batch now; the call gives its reads."""
        reads = [read_document(d) for d in documents]
        return lambda: reads
