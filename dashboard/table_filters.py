"""The evidence table's column filters are the page's view: a filter typed under a header
sets the URL (and so the charts, the map, the download), and the URL sets what the
headers show.

- Category, Scope, Agency, Publisher, Place: the page's filter of the same name, set to
  the values of the store's summary that contain (or equal) the text typed, in any case;
  the header shows the page's filter when it holds one value.
- Report date: the page's dates (`from`, `to`).
- Figure: its least and most value (`min`, `max`); the charts keep a point when the figure
  it shows is in the range.
- Sentence: its words (`q`), which the charts cannot honour (their summary holds no
  sentences): the page says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from dash import Dash, Input, Output, State, no_update

from pipeline.summaries import chart_rows

from . import charts
from .callbacks import OLD_QUERY_KEYS, QUERY_KEYS, UNKNOWN_SCOPE, view_from_search
from .data import STORE_ERRORS, StoreData, View

MAX_MATCHES = 50  # values a typed text may set a page filter to; more: "type more of it"
# a text column of the grid: the View field it sets, its URL key, and its name in a note
TEXT_COLUMNS = {"category": ("categories", QUERY_KEYS["f-category"], "category"),
                "scope": ("scopes", QUERY_KEYS["f-scope"], "scope"),
                "agency": ("agencies", QUERY_KEYS["f-agency"], "agency"),
                "publisher": ("publishers", QUERY_KEYS["f-publisher"], "publisher"),
                "place": ("places", QUERY_KEYS["f-place"], "place")}
# the URL's key of each other View field the grid sets
URL_KEYS = {"start": "from", "end": "to", "sentence": "q", "least": "min", "most": "max"}
DAY = dt.timedelta(days=1)


def grid_model(view: View) -> dict:
    """The grid's filter model that shows the view: each text column whose page filter
    holds one value ("equals" it), the figure's range, the report dates and the
    sentence's words."""
    model = {}
    for column, (field, _, _) in TEXT_COLUMNS.items():
        chosen = getattr(view, field)
        if len(chosen) == 1:
            model[column] = {"filterType": "text", "type": "equals",
                             "filter": _shown(column, chosen[0])}
    if view.least is not None or view.most is not None:
        model["stated"] = _range_model("number", view.least, view.most, 0, "filter", "filterTo",
                                       int)
    if view.start or view.end:
        model["day"] = _range_model("date", view.start, view.end, DAY, "dateFrom", "dateTo",
                                    lambda d: f"{d:%Y-%m-%d} 00:00:00")
    if view.sentence:
        model["sentence"] = {"filterType": "text", "type": "contains", "filter": view.sentence}
    return model


def _range_model(kind: str, low, high, step, first: str, second: str, text) -> dict:
    """A number or date filter for an inclusive range: "equals", "inRange", or (the date
    filter has no "or equal") one side of it."""
    if low is not None and high is not None:
        if low == high:
            return {"filterType": kind, "type": "equals", first: text(low)}
        return {"filterType": kind, "type": "inRange", first: text(low), second: text(high)}
    if low is not None:
        return ({"filterType": kind, "type": "greaterThan", first: text(low - step)} if step
                else {"filterType": kind, "type": "greaterThanOrEqual", first: text(low)})
    return ({"filterType": kind, "type": "lessThan", first: text(high + step)} if step
            else {"filterType": kind, "type": "lessThanOrEqual", first: text(high)})


def _shown(column: str, value: str) -> str:
    """A page filter's value as the grid shows it (a scope by its name)."""
    return charts.SCOPE_NAMES.get(value, value) if column == "scope" else value


def filter_meaning(column: str, model: dict | None):
    """What a column's filter asks for, to tell whether two filters differ: (kind, text) of a
    text filter, the text of the sentence's, the (least, most) of the figure's, the (first,
    last) day of the report date's; None for none."""
    if not isinstance(model, dict):
        return None
    if column == "stated":
        low, high = _bounds(model, _number(model.get("filter")), _number(model.get("filterTo")),
                            0)
        if low is None and high is None:
            return None
        return (None if low is None else math.ceil(low), None if high is None else math.floor(high))
    if column == "day":
        found = _bounds(model, _date(model.get("dateFrom")), _date(model.get("dateTo")), DAY)
        return None if found == (None, None) else found
    text = str(model.get("filter") or "").strip()
    if column == "sentence":
        return text or None
    kind = model.get("type") if model.get("type") in ("contains", "equals") else None
    return (kind, text.lower()) if text and kind else None


def meanings(model: dict | None) -> dict:
    """What each column's filter of a filter model asks for (`filter_meaning`), those that
    ask for something."""
    found = {c: filter_meaning(c, m) for c, m in (model or {}).items()}
    return {c: m for c, m in found.items() if m is not None}


def _bounds(model: dict, first, second, step) -> tuple:
    """(low, high) of a number or date filter, inclusive; None for a side it leaves open."""
    if first is None:
        return None, None
    kind = model.get("type")
    if kind == "equals":
        return first, first
    if kind == "inRange":
        return (first, second) if second is not None else (None, None)
    return {"greaterThan": (first + step, None) if step else (None, None),
            "lessThan": (None, first - step) if step else (None, None),
            "greaterThanOrEqual": (first, None), "lessThanOrEqual": (None, first),
            }.get(kind or "", (None, None))


def _number(value) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _date(value) -> dt.date | None:
    """The day of a grid date ("2026-03-09 00:00:00"); None for anything else."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def changed_view(view: View, model: dict | None, values) -> tuple[View, list[str]]:
    """The view the grid's filter model asks for: each column whose filter means something
    else than what the view shows (`grid_model`) sets its fields; and notes on texts that
    set nothing (none of `values(column, kind, text)`, the matching values of the page's
    filter, or more than MAX_MATCHES of them)."""
    asked_for, shown = meanings(model if isinstance(model, dict) else {}), meanings(grid_model(view))
    fields, notes = {}, []
    for column in sorted(asked_for.keys() | shown.keys()):
        asked = asked_for.get(column)
        if asked == shown.get(column):
            continue
        if column == "stated":
            fields["least"], fields["most"] = asked or (None, None)
        elif column == "day":
            fields["start"], fields["end"] = asked or (None, None)
        elif column == "sentence":
            fields["sentence"] = asked or ""
        elif column in TEXT_COLUMNS:
            field, _, name = TEXT_COLUMNS[column]
            if asked is None:
                fields[field] = ()
                continue
            matched = values(column, *asked)
            if not matched:
                notes.append(f"No {name} matches “{asked[1]}”: that filter is not applied.")
            elif len(matched) > MAX_MATCHES:
                notes.append(f"“{asked[1]}” is in more than {MAX_MATCHES} values of {name}: "
                             "type more of the one you want.")
            else:
                fields[field] = tuple(matched)
                if len(matched) > 1:
                    notes.append(f"{len(matched)} values of {name} contain “{asked[1]}”: all "
                                 "chosen in the filters above.")
    return dataclasses.replace(view, **fields), notes


def search_with(search: str | None, old: View, new: View) -> str:
    """The URL query string `search` with the fields the new view changed set, the rest
    of it as it was."""
    changed = {f.name for f in dataclasses.fields(View)
               if getattr(old, f.name) != getattr(new, f.name)}
    keys, pairs = set(), []
    for column, (field, key, _) in TEXT_COLUMNS.items():
        if field in changed:
            keys |= {key, OLD_QUERY_KEYS.get(f"f-{column}", key)}
            pairs += [(key, UNKNOWN_SCOPE if column == "scope" and not v else v)
                      for v in getattr(new, field)]
    for field, key in URL_KEYS.items():
        if field in changed:
            keys.add(key)
            value = getattr(new, field)
            if value is not None and value != "":
                pairs.append((key, value.isoformat() if isinstance(value, dt.date) else str(value)))
    kept = [(k, v) for k, v in parse_qsl((search or "").lstrip("?")) if k not in keys]
    return "?" + urlencode(kept + pairs) if kept or pairs else ""


def summary_values(data: StoreData, column: str, kind: str, text: str) -> list[str]:
    """The values of a page filter that hold `text` (kind "contains") or are it ("equals"),
    in any case: the categories and scopes by name, the rest as the store's summary holds
    them now; at most MAX_MATCHES + 1. None match when the store cannot be read."""
    if column in ("category", "scope"):
        names = ({c: c for c in charts.CATEGORY_COLOURS} if column == "category"
                 else charts.SCOPE_NAMES)
        return [value for value, name in names.items()
                if (text in name.lower() if kind == "contains" else text == name.lower())
                or text == value]
    if data.store is None:
        return []
    held = chart_rows.c[column]
    match = held.icontains(text, autoescape=True) if kind == "contains" else (
        sa.func.lower(held) == text)
    stmt = (sa.select(held).distinct().where(chart_rows.c.valid_to.is_(None), held != "", match)
            .order_by(held).limit(MAX_MATCHES + 1))
    try:
        with data.store.engine.connect() as conn:
            return list(conn.execute(stmt).scalars())
    except STORE_ERRORS:
        return []


def unhonoured(view: View) -> str:
    """What the charts, cards and map cannot do of the view's table filters, in words
    ("" when nothing)."""
    notes = []
    if view.sentence:
        notes.append(f"The sentence filter “{view.sentence}” narrows the Table and the CSV "
                     "download only: the charts, cards and map are drawn from a summary that "
                     "holds no sentences.")
    if view.least is not None or view.most is not None:
        bounds = " and ".join(part for part in (
            f"at least {view.least:,}" if view.least is not None else "",
            f"at most {view.most:,}" if view.most is not None else "") if part)
        notes.append(f"Figures {bounds}: the charts, cards and map keep each point whose "
                     "figure shown (its group's largest) is in the range.")
    return " ".join(notes)


def register_table_filters(app: Dash, data: StoreData) -> None:
    """Keep the evidence grid's column filters and the URL in step, and say on the page
    what the charts cannot honour."""

    @app.callback(Output("url", "search", allow_duplicate=True),
                  Output("evidence", "filterModel"), Output("evidence-note", "children"),
                  Input("evidence", "filterModel"), State("url", "search"),
                  prevent_initial_call=True)
    def typed(model, search):
        """A filter typed in the grid sets the URL (and the header shows what it set)."""
        view = view_from_search(search)
        new, notes = changed_view(view, model, lambda column, kind, text: summary_values(
            data, column, kind, text))
        shown = grid_model(new)
        return (no_update if new == view else search_with(search, view, new),
                no_update if meanings(model) == meanings(shown) else shown, " ".join(notes))

    # (a callback of its own, which never writes the URL: the URL's other callbacks need
    # not wait for it)
    @app.callback(Output("evidence", "filterModel", allow_duplicate=True),
                  Output("evidence-note", "children", allow_duplicate=True),
                  Input("url", "search"), State("evidence", "filterModel"),
                  prevent_initial_call="initial_duplicate")
    def shown(search, model):
        """The URL sets the grid's filters (and a note on a filter typed before goes)."""
        wanted = grid_model(view_from_search(search))
        return (no_update, no_update) if meanings(model) == meanings(wanted) else (wanted, "")

    @app.callback(Output("view-note", "children"), Input("url", "search"))
    def view_note(search):
        """What the charts cannot honour of the table's filters in the URL."""
        return unhonoured(view_from_search(search))
