"""Reading a refresh's documents on a Dask cluster (`refresh --workers N` or `--scheduler
tcp://HOST:8786`): each batch is one task (pipeline/extraction.py's `read_batch`); the
source reading, the writes, reprint links and claims stay in this process, which writes
the batches in the order it sent them. Imported only when a cluster is asked for, so a
default refresh never loads Dask.

A batch whose task fails on the cluster (its worker died, the scheduler went away) is
read here instead, with one log line: the refresh goes on and stores what a refresh in one
process would."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress

import dask
from distributed import Client, LocalCluster, Worker

from extract.formats import Document

from .extraction import ClusterError, Read, read_batch, read_document
from .history import extractor_version

log = logging.getLogger("pipeline")
BATCHES_PER_THREAD = 2  # sent ahead per worker thread, so that none waits while we write
NO_WORKERS_TIMEOUT = "20s"  # a local cluster's task waiting this long for a worker fails
# (all of them died and none came back): its batch is then read here


class ClusterExtraction:
    """Batches read on a Dask cluster, through its client."""

    def __init__(self, client: Client) -> None:
        self.client = client
        threads = sum(client.nthreads().values())
        self.ahead = BATCHES_PER_THREAD * max(threads, 1)

    def submit(self, documents: list[Document]) -> Callable[[], list[Read]]:
        """Send the batch to the cluster; the call waits for its reads (reading it here if
        its task failed). ClusterError when a worker runs another extractor."""
        future = self.client.submit(read_batch, documents, pure=False)

        def reads() -> list[Read]:
            try:
                version, found = future.result()
            except Exception as exc:
                reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
                log.warning("a batch of %d documents failed on the Dask cluster (%s): "
                            "reading it here", len(documents), reason)
                return [read_document(d) for d in documents]
            finally:
                future.release()
            if version != extractor_version():
                raise ClusterError(f"a Dask worker runs extractor version {version}, this "
                                   f"program {extractor_version()}: run the same version of "
                                   "the program on the workers")
            return found

        return reads


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while the local workers start, and so by them (an ignored signal
    stays ignored in a child): Ctrl-C in a terminal, sent to every process of the
    foreground group, stops the refresh, which then closes the cluster, instead of
    killing the workers under it (a Ctrl-C during the few seconds of the start is lost).
    Only the main thread can set it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _stop_heartbeat(dask_worker: Worker) -> None:
    """Stop a local worker's heartbeat to the scheduler before the cluster closes: under
    load the scheduler could close its end while a heartbeat was under way, and the worker
    process would print the failure's traceback (its logging is its own) on a refresh's
    clean end, a Ctrl-C's included."""
    dask_worker.periodic_callbacks["heartbeat"].stop()


def _stop_heartbeats(client: Client) -> None:
    """Stop the heartbeats of the workers that still answer."""
    with suppress(OSError, TimeoutError):
        client.run(_stop_heartbeat, on_error="ignore")


@contextmanager
def cluster_extraction(workers: int | None = None,
                       scheduler: str | None = None) -> Iterator[ClusterExtraction]:
    """A `LocalCluster` of `workers` processes (one thread each, on 127.0.0.1, no Dask
    dashboard, no fixed port), or a client of the cluster whose scheduler is at
    `scheduler` (its own settings apply); closed on leaving, however the block ends.
    ClusterError when it cannot be started or reached."""
    with ExitStack() as stack:
        dask_log = logging.getLogger("distributed")  # its start and stop lines are noise here
        stack.callback(dask_log.setLevel, dask_log.level)
        dask_log.setLevel(logging.WARNING)
        try:
            if scheduler:
                client = stack.enter_context(Client(scheduler, set_as_default=False))
            else:
                with dask.config.set({"distributed.scheduler.no-workers-timeout":
                                      NO_WORKERS_TIMEOUT}), _sigint_ignored():
                    cluster = stack.enter_context(LocalCluster(
                        n_workers=workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None,
                        # its HTTP server (health, metrics; no dashboard) on a free port
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}))
                client = stack.enter_context(Client(cluster, set_as_default=False))
                stack.callback(_stop_heartbeats, client)
        except (OSError, TimeoutError, ValueError, RuntimeError) as exc:  # (a worker that
            # cannot start is a RuntimeError)
            where = scheduler or f"a local cluster of {workers} workers"
            raise ClusterError(f"{where}: cannot start or reach the Dask cluster: "
                               f"{' '.join(str(exc).split())[:300]}") from None
        yield ClusterExtraction(client)
