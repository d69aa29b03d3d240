"""Command line: `python -m pipeline refresh | status | reextract | export | correct |
changes | backup`."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

import sqlalchemy as sa

from extract.language import language_name
from extract.lexicon import CATEGORIES
from extract.row import SCOPES

from .alerts import AlertError, load_alerts
from .backup import backup
from .changes import KINDS, changes, printable
from .export import Filters, export_csv, load_claims, load_figures, write_claims_csv, write_parquet
from .extraction import ClusterError, Extraction, InProcess
from .headline import HeadlineError, load_headline_agencies
from .history import utc_time
from .refresh import reextract, refresh
from .search import search_words
from .sources import DEFAULT_SOURCES, SourceError, load_sources
from .store import Store, StoreError, database_reason, open_store

log = logging.getLogger("pipeline")


def _interval(text: str) -> dt.timedelta:
    m = re.fullmatch(r"(\d+)\s*([smhd])", text.strip())
    if not m or int(m.group(1)) == 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give an interval such as 30m, 2h or 1d")
    unit = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}[m.group(2)]
    return dt.timedelta(**{unit: int(m.group(1))})


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give a date as YYYY-MM-DD") from None


def _time(text: str, end_of_day: bool = False) -> dt.datetime:
    """A time in UTC, as the store keeps times (`history.utc_time`): YYYY-MM-DD (its
    start), or YYYY-MM-DDTHH:MM[:SS] (an offset such as +02:00 is turned into UTC)."""
    when = utc_time(text, end_of_day)
    if when is None:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give a time as YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)")
    return when


def _as_of(text: str) -> dt.datetime:
    """`_time`, but a bare date is the end of that day (the store as it stood that day)."""
    return _time(text, end_of_day=True)


def _positive(text: str) -> int:
    if not re.fullmatch(r"\d{1,9}", text) or int(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number, 1 or more")
    return int(text)


def _count(text: str) -> str:
    if not re.fullmatch(r"\d{1,15}", text):
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of people, such as 17")
    return str(int(text))


@contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGTERM (as service managers and containers stop programs) or by
    SIGINT (Ctrl-C; left ignored when the shell started us with it ignored). A second
    signal ends the program at once. The old handlers come back on exit."""
    stop = threading.Event()

    def handle(signum, _frame) -> None:
        if stop.is_set():
            raise SystemExit(128 + signum)
        log.info("%s: stopping after the current document", signal.Signals(signum).name)
        stop.set()

    signals = [signal.SIGTERM]
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signals.append(signal.SIGINT)
    previous = {s: signal.signal(s, handle) for s in signals}
    try:
        yield stop
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _scheduler(text: str) -> str:
    if not re.fullmatch(r"(tcp|tls)://[^\s/:]+:\d{1,5}", text):
        raise argparse.ArgumentTypeError(
            f"{text!r}: give the Dask scheduler's address as tcp://HOST:PORT")
    return text


def _extraction(args: argparse.Namespace) -> AbstractContextManager[Extraction]:
    """Where the refresh reads its documents: here, or on a Dask cluster (imported only
    then, so that a refresh in one process never loads Dask)."""
    if not (args.workers or args.scheduler):
        return nullcontext(InProcess())
    from .cluster import cluster_extraction

    return cluster_extraction(args.workers, args.scheduler)


def _refresh_once(args: argparse.Namespace, stop: threading.Event,
                  extraction: Extraction) -> int:
    sources = load_sources(args.sources)
    rules = load_alerts(args.sources or DEFAULT_SOURCES)
    headline = load_headline_agencies(args.sources or DEFAULT_SOURCES)
    store = open_store(args.store)
    run = refresh(store, sources, batch_size=args.batch_size, stop=stop, alert_rules=rules,
                  extraction=extraction, headline_agencies=headline)
    for s in run.sources:
        log.info("%s: %s, %d documents, %d changed, %d failed%s", s.source, s.status,
                 s.documents_seen, s.documents_changed, s.documents_failed,
                 f" ({s.error})" if s.error else "")
    log.info("run %d: %s, %d figures written, %d new claims, %d revisions, %d alerts, %d "
             "documents withdrawn", run.run_id, run.status, run.figures_written,
             run.new_claims, len(run.revisions), len(run.alerts), run.withdrawn)
    return 1 if run.status == "failed" else 0


def _refresh(args: argparse.Namespace) -> int:
    with stop_on_signals() as stop, _extraction(args) as extraction:
        if not args.every:
            return _refresh_once(args, stop, extraction)
        return _refresh_every(args, stop, extraction)


def _refresh_every(args: argparse.Namespace, stop: threading.Event,
                   extraction: Extraction) -> int:
    """Refresh on a schedule until SIGTERM or SIGINT; the refresh in progress then stops
    after its current document and releases the lock, and the program exits 0."""
    from apscheduler.schedulers.background import BackgroundScheduler

    def job() -> None:
        try:
            _refresh_once(args, stop, extraction)
        except (SourceError, AlertError, HeadlineError, StoreError, ClusterError,
                sa.exc.SQLAlchemyError) as exc:
            log.error("error: %s", " ".join(str(exc).split()))

    scheduler = BackgroundScheduler()
    scheduler.add_job(job, "interval", seconds=args.every.total_seconds(), max_instances=1,
                      coalesce=True, next_run_time=dt.datetime.now())
    scheduler.start()
    log.info("refreshing every %s; stop with Ctrl-C or SIGTERM", args.every)
    while not stop.wait(0.5):
        pass
    scheduler.shutdown(wait=True)
    log.info("stopped")
    return 0


def _status(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    counts = store.counts()
    print(f"store: {counts['documents']} documents, {counts['figures']} figures")
    print(f"\n{'run':>5}  {'started':19}  {'finished':19}  {'status':8} {'seen':>6} {'changed':>8} "
          f"{'failed':>7} {'figures':>8}")
    for r in store.recent_runs(args.runs):
        finished = str(r["finished_at"] or "")
        print(f"{r['id']:>5}  {r['started_at']!s:19}  {finished:19}  {r['status']:8} "
              f"{r['documents_seen']:>6} {r['documents_changed']:>8} {r['documents_failed']:>7} "
              f"{r['figures_written']:>8}")
    recent = store.recent_runs(1)
    errors = store.run_errors(recent[0]["id"]) if recent else []
    if errors:
        print(f"\nerrors in run {recent[0]['id']}:")
        for source, error in errors:
            print(f"  {source}: {error}")
    print(f"\n{'source':24} {'status':8} {'last run':19}  {'last ok':19}  error")
    for h in store.source_health():
        last_ok = str(h["last_ok"] or "-")
        print(f"{h['source']:24} {h['status']:8} {h['last_run']!s:19}  {last_ok:19}  "
              f"{h['error']}")
    _print_languages(store)
    return 0


def _print_languages(store: Store) -> None:
    """The stored documents not in English, per source: the extractor reads English, so
    they give few figures or none."""
    per_source: dict[str, list[tuple[str, int]]] = {}
    for source, language, count in store.languages():
        per_source.setdefault(source, []).append((language, count))
    if not per_source:
        return
    print("\ndocuments not in English (the extractor reads English only: few figures or none)")
    print(f"{'source':24} {'documents':>9}  languages")
    for source, found in per_source.items():
        languages = ", ".join(f"{language_name(code)} ({code}) {n}" for code, n in found)
        print(f"{source:24} {sum(n for _, n in found):>9}  {languages}")


def _reextract(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    docs, found = reextract(store)
    foreign = sum(n for _, _, n in store.languages())
    log.info("re-extracted %d documents: %d figures%s", docs, found,
             f"; {foreign} documents not in English (see `status`)" if foreign else "")
    return 0


def _export(args: argparse.Namespace) -> int:
    filters = Filters(categories=tuple(args.category or ()), agencies=tuple(args.agency or ()),
                      since=args.since, until=args.until,
                      publishers=tuple(args.publisher or ()),
                      places=tuple(args.place or ()), named_only=args.named,
                      scopes=tuple(args.scope or ()), countries=tuple(args.country or ()),
                      admin1=tuple(args.admin1 or ()), words=tuple(search_words(args.sentence)),
                      least=args.least, most=args.most)
    store = open_store(args.store)
    out = Path(args.output)
    if args.claims:
        claims = load_claims(store, filters, args.as_of)
        if args.format == "parquet":
            write_parquet(claims, out)
        else:
            write_claims_csv(claims, out, hxl=args.hxl)
        log.info("wrote %d claims to %s", len(claims), out)
        return 0
    if args.format == "parquet":
        frame = load_figures(store, filters, args.as_of)
        write_parquet(frame, out)
        count = len(frame)
    else:
        count = export_csv(store, out, filters, hxl=args.hxl, as_of=args.as_of)
    log.info("wrote %d figures to %s", count, out)
    return 0


def _correct(args: argparse.Namespace) -> int:
    field, new = next((f, v) for f, v in (("wrong", "yes" if args.wrong else None),
                                          ("agency", args.agency), ("category", args.category),
                                          ("value", args.value)) if v is not None)
    made = open_store(args.store).correct(args.figure_id, field, new, args.reason,
                                          args.by or _user())
    if not made:
        log.error("error: no figure %s in the store (the figure_id column of an export)",
                  args.figure_id)
        return 1
    for c in made:
        change = "marked wrong" if field == "wrong" else f"{field} {c['old']} -> {c['new']}"
        log.info("%s (%s): %s, by %s: %s", c["figure_id"], printable(c["doc_key"]),
                 printable(change), printable(c["by"]), printable(c["reason"]))
    return 0


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password file
        return "unknown"


def _changes(args: argparse.Namespace) -> int:
    found = changes(open_store(args.store), since=args.since, limit=args.limit,
                    kinds=tuple(args.kind or KINDS))
    for change in found:
        print(change.line())
        if args.verbose:
            print(f"    {printable(change.detail)}")
            for evidence in change.evidence:
                print(f"    {evidence.label}: {printable(evidence.sentence)}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    copied = backup(args.store, Path(args.output))
    log.info("backed up %d documents and %d figures to %s", copied.get("documents", 0),
             copied.get("figures", 0), args.output)
    return 0


STORE_HELP = "SQLAlchemy URL or SQLite file (default: $CASUALTY_STORE or data/casualties.sqlite)"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Sources, store and refresh of casualty figures.")
    parser.add_argument("--store", help=STORE_HELP)
    # --store is accepted after the command too (`refresh --store URL`)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", default=argparse.SUPPRESS, help=STORE_HELP)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("refresh", parents=[common], help="read every source and update the store")
    p.add_argument("--sources", type=Path, help="sources file (default: data/sources.toml)")
    p.add_argument("--every", type=_interval, metavar="INTERVAL",
                   help="keep running, refreshing on this schedule (30m, 2h, 1d)")
    p.add_argument("--batch-size", type=int, default=100, metavar="N",
                   help="documents committed together (default 100)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_positive, metavar="N",
                       help="read the documents on a local Dask cluster of N worker "
                            "processes (default: in this process)")
    where.add_argument("--scheduler", type=_scheduler, metavar="tcp://HOST:PORT",
                       help="read the documents on the Dask cluster of this scheduler")
    p.set_defaults(run=_refresh)
    p = sub.add_parser("status", parents=[common], help="recent refresh runs and each source's health")
    p.add_argument("--runs", type=int, default=10, help="how many runs to list")
    p.set_defaults(run=_status)
    p = sub.add_parser("reextract", parents=[common], help="run the current extractor over stored documents")
    p.set_defaults(run=_reextract)
    p = sub.add_parser("export", parents=[common], help="write the figures as CSV or Parquet")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--category", action="append", help="only this category (repeatable)")
    p.add_argument("--agency", action="append", help="only this agency (repeatable)")
    p.add_argument("--since", type=_date, help="report date on or after (YYYY-MM-DD)")
    p.add_argument("--until", type=_date, help="report date on or before (YYYY-MM-DD)")
    p.add_argument("--publisher", action="append", help="only this publisher (repeatable)")
    p.add_argument("--place", "--location", action="append", dest="place",
                   help="only this place, as written (repeatable; --location is its older name)")
    p.add_argument("--country", action="append",
                   help="only this country: its ISO 3166-1 alpha-3 code or name, in any case "
                        "(repeatable)")
    p.add_argument("--admin1", action="append",
                   help="only this admin-1 area (province, state, region): its ISO 3166-2 code "
                        "or name, in any case (repeatable)")
    p.add_argument("--scope", action="append", choices=SCOPES,
                   help="only figures of this scope (repeatable)")
    p.add_argument("--named", action="store_true",
                   help="only figures a named source stated (not the publisher's own, nor an "
                        "unnamed one such as \"unnamed: officials\")")
    p.add_argument("--sentence", metavar="WORDS",
                   help="only figures whose sentence has every word, as the start of one of its "
                        "words (\"hosp killed\")")
    p.add_argument("--min", type=int, dest="least", metavar="N", help="only figures of N or more")
    p.add_argument("--max", type=int, dest="most", metavar="N", help="only figures of N or fewer")
    p.add_argument("--hxl", action="store_true", help="add the HXL hashtag row (CSV only)")
    p.add_argument("--format", choices=("csv", "parquet"), default="csv")
    p.add_argument("--claims", action="store_true",
                   help="one row per claim (an agency's statement of a figure, however many "
                        "documents carry it), with its documents and independent publishers")
    p.add_argument("--as-of", type=_as_of, metavar="TIME",
                   help="what an export made at this time (UTC: YYYY-MM-DDTHH:MM; a date alone "
                        "is the end of that day) would have held: the documents, figures, "
                        "links and corrections of then")
    p.set_defaults(run=_export)
    p = sub.add_parser("correct", parents=[common],
                       help="correct a figure: mark it wrong, or set its agency, category or "
                            "value (kept through refresh and reextract, and logged)")
    p.add_argument("figure_id", help="the figure's figure_id (a column of every export)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--wrong", action="store_true", help="the figure is no casualty figure")
    what.add_argument("--agency", help="the agency that stated it")
    what.add_argument("--category", choices=CATEGORIES, help="what it counts")
    what.add_argument("--value", type=_count, help="the number stated")
    p.add_argument("--reason", required=True, help="why (kept in the log and the exports)")
    p.add_argument("--by", help="who corrects (default: your user name)")
    p.set_defaults(run=_correct)
    p = sub.add_parser("changes", parents=[common],
                       help="new claims, revisions, new versions, withdrawn documents, "
                            "corrections, re-readings and alerts, newest first")
    p.add_argument("--since", type=_time, metavar="TIME", help="only changes from this time on")
    p.add_argument("--limit", type=_positive, metavar="N", help="at most N changes")
    p.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
    p.add_argument("-v", "--verbose", action="store_true", help="with details and evidence")
    p.set_defaults(run=_changes)
    p = sub.add_parser("backup", parents=[common],
                       help="write a consistent copy of the store to a new SQLite file "
                            "(run it before upgrading the program)")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(run=_backup)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        return args.run(args)
    except (SourceError, AlertError, HeadlineError, StoreError, ClusterError) as exc:
        log.error("error: %s", exc)
        return 1
    except sa.exc.SQLAlchemyError as exc:  # the store broke while in use
        log.error("error: the store failed: %s", database_reason(exc))
        return 1


if __name__ == "__main__":
    sys.exit(main())
