"""`refresh --workers N` and `--scheduler tcp://...`: the documents are read on a Dask
cluster of worker processes (on loopback, with no dashboard), and the store is the one a
refresh in one process makes, row for row, on SQLite and on PostgreSQL; stopped, killed or
with a worker dying midway, a rerun still gives the clean run's rows."""

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import dask
import psutil
import pytest
import sqlalchemy as sa
from distributed import Client, LocalCluster

import pipeline.cluster as cluster_module
import pipeline.store as store_module
from pipeline.__main__ import main
from pipeline.cluster import ClusterExtraction, cluster_extraction
from pipeline.refresh import refresh
from pipeline.sources import load_sources
from pipeline.store import metadata, open_store

from ..processes import started
from .conftest import ROOT, postgres_url
from .test_arrival import Clock, write_corpus
from .test_columns import postgres_schema_url
from .test_consistency import stored_documents

PG = postgres_url()
SAMPLE = ROOT / "data" / "sample"
BATCH = 10
LOOPBACK = {"127.0.0.1", "::1"}
NOT_COMPARED = {"runs", "run_sources", "run_errors", "meta"}  # the runs' own records


def local_cluster(workers: int = 2) -> LocalCluster:
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None,
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})


@pytest.fixture(scope="module")
def cluster():
    """A cluster of 2 worker processes on 127.0.0.1, as `--scheduler` would reach."""
    with local_cluster() as running:
        yield running


def made_corpus(folder: Path) -> None:
    """Two copies of the sample's text documents, dated a year and two years later, each
    with an incident of its own (no copy shares a day with its original: a refresh stopped
    and run again is two runs, and of two same-day copies the one the later run read is
    the copy, where in one run their keys decide; pipeline/arrival.py)."""
    folder.mkdir()
    for years in (1, 2):
        for path in sorted(SAMPLE.glob("*.txt")):
            text = path.read_text("utf-8").replace("2026-0", f"{2026 + years}-0")
            text += f"\n\nIn a separate incident, {years + 3} people were killed in Vey.\n"
            (folder / f"{years}_{path.name}").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """A sources file: the sample corpus and 60-odd made documents, in batches of 10."""
    folder = tmp_path_factory.mktemp("corpus")
    made_corpus(folder / "made")
    path = folder / "sources.toml"
    path.write_text(f'[[source]]\nname = "sample"\nkind = "folder"\npath = "{SAMPLE}"\n\n'
                    f'[[source]]\nname = "made"\nkind = "folder"\npath = "{folder / "made"}"\n')
    return path


def store_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table but the runs' records, without the columns that hold the
    time of writing (fetch, storing, first and last seen...), sorted."""
    engine = sa.create_engine(url)
    found = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name in NOT_COMPARED:
                continue
            columns = [c for c in table.columns if not isinstance(c.type, sa.DateTime)]
            found[table.name] = sorted(conn.execute(sa.select(*columns)).all(), key=repr)
    engine.dispose()
    return found


@pytest.fixture(scope="module")
def clean_rows(sources, tmp_path_factory):
    """The store's rows after a default refresh (one process) of the corpus."""
    url = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.sqlite'}"
    assert main(["--store", url, "refresh", "--sources", str(sources),
                 "--batch-size", str(BATCH)]) == 0
    return store_rows(url)


def assert_same_store(rows: dict[str, list[tuple]], expected: dict[str, list[tuple]]) -> None:
    assert rows.keys() == expected.keys()
    for table in expected:
        assert rows[table] == expected[table], table
    assert len(expected["figures"]) > 200 and len(expected["claims"]) > 100
    assert expected["revisions"]


def test_workers_2_store_equals_a_refresh_in_one_process(sources, clean_rows, tmp_path):
    url = f"sqlite:///{tmp_path / 'workers.sqlite'}"
    assert main(["--store", url, "refresh", "--sources", str(sources), "--batch-size",
                 str(BATCH), "--workers", "2"]) == 0
    assert_same_store(store_rows(url), clean_rows)
    (run,) = open_store(url).recent_runs(1)
    assert run["status"] == "ok" and run["documents_failed"] == 0


@pytest.mark.skipif(PG is None, reason="no PostgreSQL server (scripts/start-postgres.sh)")
def test_scheduler_on_postgresql_store_equals_a_refresh_in_one_process(sources, cluster):
    one = postgres_schema_url("dask_one_process")
    assert main(["--store", one, "refresh", "--sources", str(sources),
                 "--batch-size", str(BATCH)]) == 0
    on_cluster = postgres_schema_url("dask_scheduler")
    assert main(["--store", on_cluster, "refresh", "--sources", str(sources),
                 "--batch-size", str(BATCH), "--scheduler", cluster.scheduler_address]) == 0
    assert_same_store(store_rows(on_cluster), store_rows(one))


def test_same_day_copies_and_statements_give_the_same_store_on_a_cluster(
        cluster, tmp_path, monkeypatch):
    # which same-day copy is the original, and which same-day statement came first, no
    # longer depend on the second each batch was written (pipeline/arrival.py): here one
    # process writes them all in one second, the cluster's refresh a second apart
    listed = write_corpus(tmp_path / "corpus")
    sources = tmp_path / "sources.toml"
    sources.write_text("".join(f'[[source]]\nname = "{name}"\nkind = "folder"\n'
                               f'path = "{source.path}"\n\n' for name, source in listed.items()))
    made = []
    for step, cluster_options in ((0, []), (1, ["--scheduler", cluster.scheduler_address])):
        monkeypatch.setattr(store_module, "_now", Clock(step))
        url = f"sqlite:///{tmp_path / f'{step}.sqlite'}"
        assert main(["--store", url, "refresh", "--sources", str(sources), "--batch-size", "1",
                     *cluster_options]) == 0
        made.append(store_rows(url))
    assert made[1] == made[0]
    assert made[0]["revisions"]
    (copy,) = [row for row in made[0]["documents"] if row[0] == "wires:market.txt"]
    assert "papers:market.txt" in copy  # (its reprint_of)


class StopAfter:
    """A cluster's extraction that sets `stop` when it has been sent `batches` batches."""

    def __init__(self, extraction: ClusterExtraction, stop: threading.Event, batches: int):
        self.extraction, self.stop, self.left = extraction, stop, batches
        self.ahead = extraction.ahead

    def submit(self, documents):
        self.left -= 1
        if self.left == 0:
            self.stop.set()
        return self.extraction.submit(documents)


def test_stopped_midway_then_rerun_gives_the_clean_rows(sources, clean_rows, cluster, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'stopped.sqlite'}")
    listed = load_sources(sources)
    with Client(cluster, set_as_default=False) as client:
        stop = threading.Event()
        run = refresh(store, listed, batch_size=BATCH, progress=False, stop=stop,
                      extraction=StopAfter(ClusterExtraction(client), stop, 3))
        assert run.status == "stopped"
        stored = store.counts()["documents"]
        assert 0 < stored < len(clean_rows["documents"])
        again = refresh(store, listed, batch_size=BATCH, progress=False,
                        extraction=ClusterExtraction(client))
    assert again.status == "ok" and again.documents_changed == len(clean_rows["documents"]) - stored
    rows = store_rows(str(store.engine.url))
    for table in ("documents", "figures", "document_signatures", "document_bands"):
        assert rows[table] == clean_rows[table], table


def test_killed_midway_then_rerun_gives_the_clean_rows(sources, clean_rows, tmp_path):
    url = f"sqlite:///{tmp_path / 'killed.sqlite'}"
    command = [sys.executable, "-m", "pipeline", "--store", url, "refresh", "--sources",
               str(sources), "--batch-size", str(BATCH), "--workers", "2"]
    with started(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL) as proc:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and stored_documents(url) < 2 * BATCH:
            time.sleep(0.05)
        workers = psutil.Process(proc.pid).children(recursive=True)
        listening = {c.laddr.ip for p in [psutil.Process(proc.pid), *workers]
                     for c in p.net_connections("inet") if c.status == psutil.CONN_LISTEN}
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert len(workers) >= 2 and listening and listening <= LOOPBACK
    gone, alive = psutil.wait_procs(workers, timeout=30)  # they end with the refresh
    assert not alive
    assert 0 < stored_documents(url) < len(clean_rows["documents"])
    with started(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                 stderr=subprocess.PIPE, text=True) as again:
        assert again.wait(timeout=180) == 0, again.stderr.read()
    rows = store_rows(url)
    for table in ("documents", "figures", "document_signatures", "document_bands"):
        assert rows[table] == clean_rows[table], table


def test_ctrl_c_stops_the_refresh_and_its_workers_then_a_rerun_finishes(sources, clean_rows,
                                                                        tmp_path):
    """Ctrl-C in a terminal sends SIGINT to the whole foreground process group, workers
    included: the workers ignore it, and the refresh stops as usual and closes them."""
    url = f"sqlite:///{tmp_path / 'interrupted.sqlite'}"
    command = [sys.executable, "-m", "pipeline", "--store", url, "refresh", "--sources",
               str(sources), "--batch-size", str(BATCH), "--workers", "2"]
    with started(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                 start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT,
                                                                          signal.SIG_DFL)) as proc:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and stored_documents(url) < BATCH:
            time.sleep(0.05)
        workers = psutil.Process(proc.pid).children(recursive=True)
        os.killpg(proc.pid, signal.SIGINT)
        err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 0, err
    assert "SIGINT: stopping" in err and "Traceback" not in err
    gone, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive
    (run,) = open_store(url).recent_runs(1)
    assert run["status"] == "stopped" and 0 < run["documents_changed"] < len(clean_rows["documents"])
    assert main(["--store", url, "refresh", "--sources", str(sources), "--batch-size",
                 str(BATCH), "--workers", "2"]) == 0
    rows = store_rows(url)
    for table in ("documents", "figures", "document_signatures", "document_bands"):
        assert rows[table] == clean_rows[table], table


def test_a_batch_whose_worker_dies_is_read_here(sources, clean_rows, tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'dying.sqlite'}"
    store = open_store(url)
    listed = load_sources(sources)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), local_cluster() as ours, \
            Client(ours, set_as_default=False) as client:
        pids = list(client.run(os.getpid).values())
        done: list = []
        writer = threading.Thread(target=lambda: done.append(refresh(
            store, listed, batch_size=BATCH, progress=False,
            extraction=ClusterExtraction(client))))
        with caplog.at_level(logging.WARNING, logger="pipeline"):
            writer.start()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and stored_documents(url) < BATCH:
                time.sleep(0.02)
            for pid in pids:
                os.kill(pid, signal.SIGKILL)
            writer.join(timeout=180)
    (run,) = done
    assert run.status == "ok" and run.documents_changed == len(clean_rows["documents"])
    assert "failed on the Dask cluster" in caplog.text and "reading it here" in caplog.text
    assert_same_store(store_rows(url), clean_rows)


def test_the_cluster_binds_loopback_only_and_serves_no_dashboard():
    with cluster_extraction(workers=2) as extraction:
        processes = [psutil.Process(), *psutil.Process().children(recursive=True)]
        listening = {c.laddr.ip for p in processes for c in p.net_connections("inet")
                     if c.status == psutil.CONN_LISTEN}
        info = extraction.client.scheduler_info()
        assert len(info["workers"]) == 2 and extraction.ahead == 4
        port = info["services"]["dashboard"]  # Dask's name for the scheduler's HTTP server
        assert port != 8787  # not the usual port, which another cluster may hold
        with pytest.raises(urllib.error.HTTPError) as page:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=10)
        assert page.value.code == 404  # no dashboard
    assert listening and listening <= LOOPBACK


def test_a_default_refresh_never_imports_dask(tmp_path):
    check = ("import sys\nfrom pipeline.__main__ import main\n"
             f"assert main(['--store', {str(tmp_path / 's.sqlite')!r}, 'refresh']) == 0\n"
             "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
             "print(loaded)\n")
    done = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("given, said", [
    (["--workers", "0"], "'0': give a whole number, 1 or more"),
    (["--workers", "two"], "'two': give a whole number, 1 or more"),
    (["--scheduler", "http://127.0.0.1:8786"],
     "'http://127.0.0.1:8786': give the Dask scheduler's address as tcp://HOST:PORT"),
    (["--scheduler", "tcp://127.0.0.1"], "give the Dask scheduler's address as tcp://HOST:PORT"),
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"],
     "argument --scheduler: not allowed with argument --workers"),
])
def test_bad_workers_or_scheduler_is_one_error_line(given, said, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["refresh", *given])
    assert exited.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert said in err[-1]


def test_a_scheduler_not_there_is_one_error_line(tmp_path, caplog):
    with socket.socket() as unused:  # a loopback port nothing listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code = main(["--store", str(tmp_path / "s.sqlite"), "refresh", "--scheduler",
                     f"tcp://127.0.0.1:{port}"])
    assert code == 1
    (line,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert line.startswith(f"error: tcp://127.0.0.1:{port}: cannot start or reach the Dask "
                           "cluster: ") and "\n" not in line


def test_workers_on_another_extractor_version_end_the_refresh_in_one_line(
        sources, cluster, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(cluster_module, "extractor_version", lambda: "0123456789ab")
    url = f"sqlite:///{tmp_path / 'other.sqlite'}"
    assert main(["--store", url, "refresh", "--sources", str(sources), "--scheduler",
                 cluster.scheduler_address]) == 1
    (line,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert line.startswith("error: a Dask worker runs extractor version ")
    assert line.endswith(", this program 0123456789ab: run the same version of the program "
                         "on the workers")
    (run,) = open_store(url).recent_runs(1)
    assert run["status"] == "failed" and open_store(url).counts()["documents"] == 0
