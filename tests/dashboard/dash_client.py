"""Calling the page's callbacks as the browser does: a POST to Dash's update endpoint
through Flask's test client (no socket, no browser)."""

from __future__ import annotations

import csv
import io

import pandas as pd
from dash import Dash

from pipeline.export import csv_chunks

# the page's filters, and what the URL callback (sync_url) writes
FILTER_IDS = ["f-category", "f-agency", "f-publisher", "f-place", "f-country", "f-admin1",
              "f-scope"]
SYNC_OUTPUTS = [("url", "search"), *[(f, "value") for f in FILTER_IDS],
                ("f-dates", "start_date"), ("f-dates", "end_date"), ("f-named", "value"),
                ("map-kind", "value"), ("f-as-of", "value"), ("tabs", "value")]


# the page's cards-and-charts callback, and the comparison's
PAGE_OUTPUTS = [("cards", "children"), ("timeseries", "figure"), ("message", "children"),
                ("timeseries-summary", "children")]
COMPARISON_OUTPUTS = [("comparison", "figure"), ("compare-note", "children"),
                      ("comparison-summary", "children")]


def page_response(client, search: str = ""):
    """The response of the cards-and-charts callback for a URL query string."""
    return post_callback(client, PAGE_OUTPUTS, [("url", "search", search),
                                                ("version", "data", None)])


def comparison_response(client, search: str = "", category: str = "killed",
                        show_all: bool = False):
    """The response of the comparison's callback for a URL query string, a category and
    "show all"."""
    return post_callback(client, COMPARISON_OUTPUTS, [
        ("url", "search", search), ("compare-category", "value", category),
        ("compare-all", "value", ["all"] if show_all else []), ("version", "data", None)])


def sync_inputs(search: str = "", values: dict | None = None, map_kind: str = "points",
                as_of: str = "", tab: str = "chart") -> list[tuple[str, str, object]]:
    """The URL callback's inputs: the URL's query string, the filters' `values` (none
    chosen where not given), the kind of map, the "as of" text and the open tab."""
    values = values or {}
    return [("url", "search", search), *[(f, "value", values.get(f, [])) for f in FILTER_IDS],
            ("f-dates", "start_date", None), ("f-dates", "end_date", None),
            ("f-named", "value", []), ("map-kind", "value", map_kind), ("f-as-of", "value", as_of),
            ("tabs", "value", tab)]


def changed_input(name: str) -> int:
    """The index of a filter (or "map-kind", "f-as-of", "tabs") among `sync_inputs`."""
    return [i for i, _, _ in sync_inputs()].index(name)


def post_callback(client, outputs: list[tuple[str, str]], inputs: list[tuple[str, str, object]],
                  state: list[tuple[str, str, object]] = (), changed: int = 0):
    """The response of one callback call: `outputs` as (id, property), `inputs` and
    `state` as (id, property, value) in the callback's order; `changed` is the index of
    the input that changed."""
    body = {
        "output": "...".join(f"{i}.{p}" for i, p in outputs).join(("..", "..")) if len(outputs) > 1
        else f"{outputs[0][0]}.{outputs[0][1]}",
        "outputs": [{"id": i, "property": p} for i, p in outputs] if len(outputs) > 1
        else {"id": outputs[0][0], "property": outputs[0][1]},
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "changedPropIds": [f"{inputs[changed][0]}.{inputs[changed][1]}"],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
    }
    return client.post("/_dash-update-component", json=body)


def evidence_response(client, page: int = 0, search: str = "", size: int = 15,
                      sort: list[dict] | None = None, filters: dict | None = None):
    """The response of the evidence grid's callback for one block (the `page`-th of `size`
    rows), as the grid asks for it with its sort and filter models."""
    request = {"startRow": page * size, "endRow": (page + 1) * size, "sortModel": sort or [],
               "filterModel": filters or {}}
    return post_callback(client, [("evidence", "getRowsResponse"), ("evidence-count", "children")],
                         [("evidence", "getRowsRequest", request)],
                         [("url", "search", search)])


def evidence_rows(response) -> list[dict]:
    """The rows of an evidence grid's response."""
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
    return response.get_json()["response"]["evidence"]["getRowsResponse"]["rowData"]


def call_evidence(app: Dash, page: int = 0) -> list[dict]:
    """The rows of one block of the evidence grid."""
    return evidence_rows(evidence_response(app.server.test_client(), page))


def texts(component) -> list[str]:
    """Every string in a serialised component tree, in order."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list):
        return [t for c in component for t in texts(c)]
    if isinstance(component, dict):
        return texts(component.get("props", {}).get("children"))
    return []


def download_rows(client, search: str = "") -> list[dict]:
    """The rows of the page's CSV download for a URL query string."""
    response = client.get("/download.csv" + search)
    assert response.status_code == 200, response.get_data(as_text=True)[-1000:]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))


def downloaded(data, view) -> pd.DataFrame:
    """The download of a view as a table (every cell text), read as the route reads it."""
    chunks = csv_chunks(data.store, view.filters(), as_of=view.as_of)
    return pd.read_csv(io.BytesIO(b"".join(text for text, _ in chunks)), dtype=str,
                       keep_default_na=False)
