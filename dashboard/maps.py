"""Map builders: pure functions from a table of figures to the map's points and figures.

They take a table of figures with its place columns (`place_name`, `admin1`, `country`,
`country_code` (ISO 3166-1 alpha-3), `lat`, `lon`, `geo_precision`: 1 town, 2 district,
3 admin-1 region, 4 country) besides `figure_id`, `category`, `value`, `scope` and the
report date (`day` where the table has it, else `report_date`), and the country outlines
of `world_outlines`. They never touch the store, and the figures they make need no
network beyond the dashboard: the map's style is "white-bg" (no tiles) and the outlines
are bundled GeoJSON, sent with the figure or served by the dashboard at OUTLINES_PATH.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from .charts import CATEGORY_COLOURS, counted
from .escape import plain, plotly_text

OUTLINES = Path(__file__).parent / "geodata" / "world_110m.geojson"
# Where the dashboard serves them (dashboard/app.py): a map's layer may name this URL
# instead of carrying the outlines, so that a redraw sends and clones 175 kB less.
OUTLINES_PATH = "/geodata/world_110m.geojson"
# A point is one place (as resolved) and one category.
PLACE = ["place_name", "admin1", "country_code", "lat", "lon"]
KEY = PLACE + ["category"]
TEXT_KEYS = ("place_name", "admin1", "country_code", "category")
TOTAL_SCOPES = ("toll", "stock")  # running totals: the latest counts
INCIDENT_SCOPES = ("incident",)  # one event each: they add up
BASES = ("total", "incidents", "other")  # the bases of a point's value, in order of preference
PRECISION = {1: "town", 2: "district", 3: "admin-1 region", 4: "country"}
OTHER_COLOUR = "#888888"  # a category without a colour of its own
OUTLINE_COLOUR = "#9a9a9a"
MAX_SIZE = 40  # px: the diameter of the largest value's marker
MIN_SIZE = 5  # px: the smallest marker, however small its value
MAX_EVIDENCE = 50  # figure_ids a point carries in the figure (the newest), however many
MAX_ZOOM = 5  # the 1:110m outlines say little closer in
VIEW = {"width": 700, "height": 440}  # px of map the fitted view assumes
HEIGHT = 520
# The same for every map the page draws: plotly keeps the reader's zoom and pan across
# redraws (new filters, a refresh, the other kind of map).
UIREVISION = "map"
WORLD = {"center": {"lat": 20.0, "lon": 0.0}, "zoom": 0.4}
POINT_COLUMNS = [*PLACE[:2], "country", *PLACE[2:], "category", "value", "basis", "counted",
                 "as_of", "figures", "figure_ids", "latest", "geo_precision"]


@cache
def world_outlines() -> dict:
    """The bundled country outlines (Natural Earth admin-0 at 1:110m, public domain; see
    dashboard/geodata/README.md), read once: a GeoJSON FeatureCollection whose features have
    `properties.iso_a3`. Never fetched: a missing file is an error that says how to make it."""
    try:
        text = OUTLINES.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(
            f"the map's country outlines are missing: {OUTLINES} (it is part of the "
            "repository; scripts/world_geojson.py says how it is made)") from None
    return json.loads(text)


def map_points(frame: pd.DataFrame) -> pd.DataFrame:
    """One point per place and category, from the table's figures (subsets and superseded
    values left out, as everywhere on the dashboard), with its value, `basis` and evidence.

    A place is what the place columns say (place_name, admin1, country_code, lat, lon). Its
    value for a category, whoever stated the figures:

    - `total`: where any toll or stock is placed there, the latest of them (by report date;
      the largest of that day), since running totals restate each other and never add up;
      `basis` says which ("toll" or "stock") and `as_of` its date;
    - `incidents`: else the sum of its incident figures, each event once (figures of the
      same event date and value there are one event restated by several reports, and so
      are the figures of one claim; figures without an event date all count); `counted`
      says how many were added;
    - `other`: else (period, background or not yet classified figures) the largest of them,
      which is no total.

    Every point also has `figures` (how many figures are placed there, whatever their
    scope; a row of the charts' summary counts its group's `figures`), `figure_ids` (of
    all its rows, newest first: the evidence), `latest` (the newest
    report date among them), `country` and `geo_precision`. Figures without coordinates
    are left out; `points.attrs["unplaced"]` says how many, for "N figures without a place".
    """
    rows = counted(frame)
    # a row of the charts' summary stands for its group's `figures`; another row for one
    rows = rows.assign(figures=rows["figures"] if "figures" in rows else 1)
    placed = rows["lat"].notna() & rows["lon"].notna()
    unplaced = int(rows.loc[~placed, "figures"].sum())
    rows = rows[placed]
    if rows.empty:
        points = pd.DataFrame({c: pd.Series(dtype=object) for c in POINT_COLUMNS})
        points.attrs["unplaced"] = unplaced
        return points
    scope = _text(rows["scope"])
    rows = rows.assign(
        **{c: _text(rows[c]) for c in (*TEXT_KEYS, "country")},
        lat=rows["lat"].astype(float), lon=rows["lon"].astype(float),
        geo_precision=pd.to_numeric(rows["geo_precision"], errors="coerce"),
        value=rows["value"].astype(float), scope=scope,
        day=pd.to_datetime(rows["day"] if "day" in rows else rows["report_date"]),
        event_date=pd.to_datetime(rows["event_date"]) if "event_date" in rows else pd.NaT,
        basis=scope.map(lambda s: "total" if s in TOTAL_SCOPES else
                        "incidents" if s in INCIDENT_SCOPES else "other"),
    ).sort_values(["day", "value"], kind="stable", na_position="first")
    rank = rows["basis"].map(BASES.index)
    valued = rows[rank == rank.groupby([rows[k] for k in KEY], sort=False).transform("min")]

    totals = valued[valued["basis"] == "total"].drop_duplicates(KEY, keep="last")
    totals = totals[KEY + ["value"]].assign(basis=totals["scope"], counted=1, as_of=totals["day"])
    incidents = valued[valued["basis"] == "incidents"]
    once = incidents["event_date"].isna() | ~incidents.duplicated(KEY + ["event_date", "value"])
    if "claim_id" in incidents:  # one claim (an incident its reports date a day apart) once
        claim = incidents["claim_id"].fillna("").astype(str)
        once &= (claim == "") | ~claim.duplicated()
    incidents = incidents[once].groupby(KEY, sort=False)["value"].agg(["sum", "size"])
    incidents = incidents.reset_index().rename(columns={"sum": "value", "size": "counted"})
    incidents = incidents.assign(basis="incidents", as_of=pd.NaT)
    others = valued[valued["basis"] == "other"].sort_values("value", kind="stable")
    others = others.drop_duplicates(KEY, keep="last")[KEY + ["value"]]
    others = others.assign(basis="other", counted=1, as_of=pd.NaT)

    groups = rows.groupby(KEY, sort=False)
    summary = groups.agg(country=("country", "first"), figures=("figures", "sum"),
                         figure_ids=("figure_id", lambda ids: [plain(i) for i in ids][::-1]),
                         latest=("day", "max"), geo_precision=("geo_precision", "min"))
    values = pd.concat([totals, incidents, others], ignore_index=True)
    points = summary.reset_index().merge(values, on=KEY, validate="one_to_one")
    order = {c: i for i, c in enumerate(CATEGORY_COLOURS)}
    points = points.assign(_order=points["category"].map(order).fillna(len(order)))
    points = points.sort_values(["_order", "category", "value"], ascending=[True, True, False],
                                kind="stable").drop(columns="_order").reset_index(drop=True)
    points = points[POINT_COLUMNS].assign(geo_precision=points["geo_precision"].astype("Int64"))
    points.attrs["unplaced"] = unplaced
    return points


def _text(column: pd.Series) -> pd.Series:
    """A text column as plain strings, missing values (None, NaN, NA) as ""."""
    return column.astype(object).where(column.notna(), "").astype(str)


def map_figure(points: pd.DataFrame, geojson: dict | str) -> go.Figure:
    """The points of `map_points` on a map of the country outlines `geojson` (the GeoJSON, or
    the URL of the page's own server where it is served): one trace per
    category in its colour, markers whose area is proportional to the value (the largest
    MAX_SIZE px across, none under MIN_SIZE px), fitted to the points. Hover says the
    place, its admin-1 region and country, the category, value and its basis, and how
    precisely the place is known; each point's customdata is the list of its figure_ids,
    newest first (at most MAX_EVIDENCE of them: `figures` says how many there are), for
    the evidence. No network: "white-bg" style (no tiles), outlines sent as data, markers only
    (no text, so no glyphs are fetched). With no points, a world map that says so."""
    unplaced = points.attrs.get("unplaced", 0)
    if points.empty:
        fig = go.Figure(go.Scattermap(lat=[], lon=[], mode="markers", showlegend=False,
                                      hoverinfo="skip"))
        _map_layout(fig, geojson, WORLD)
        _note(fig, "No figures with a place match these filters." + _unplaced_words(unplaced),
              y=0.5, size=15)
        return fig
    top = float(points["value"].max())
    sizeref = 2.0 * max(top, 1.0) / MAX_SIZE ** 2
    fig = go.Figure()
    for category, at in points.groupby("category", sort=False):
        at = at.sort_values("value", ascending=False, kind="stable")  # small ones on top
        fig.add_trace(go.Scattermap(
            lat=at["lat"].tolist(), lon=at["lon"].tolist(), mode="markers",
            name=plotly_text(category), below="",  # above the outlines
            marker={"size": at["value"].tolist(), "sizemode": "area", "sizeref": sizeref,
                    "sizemin": MIN_SIZE, "color": CATEGORY_COLOURS.get(category, OTHER_COLOUR),
                    "opacity": 0.7},
            customdata=[ids[:MAX_EVIDENCE] for ids in at["figure_ids"]],
            hovertext=_hover(at), hoverinfo="text",
        ))
    _map_layout(fig, geojson, _fit(points["lat"], points["lon"]))
    if unplaced:
        _note(fig, _unplaced_words(unplaced).strip(), y=0.0, size=12)
    return fig


def _map_layout(fig: go.Figure, geojson: dict | str, view: dict) -> None:
    """The map without tiles: white background and the country outlines (GeoJSON or its URL)
    as a line layer."""
    fig.update_layout(
        map={"style": "white-bg", **view,
             "layers": [{"sourcetype": "geojson", "source": geojson, "type": "line",
                         "color": OUTLINE_COLOUR, "line": {"width": 0.6},
                         "sourceattribution": "Natural Earth"}]},
        height=HEIGHT, margin={"l": 0, "r": 0, "t": 10, "b": 0}, uirevision=UIREVISION,
        legend={"title": {"text": "category"}, "itemsizing": "constant"},
    )


def _note(fig: go.Figure, text: str, y: float, size: int) -> None:
    fig.add_annotation(text=text, showarrow=False, x=0.01, y=y, xref="paper", yref="paper",
                       xanchor="left", yanchor="bottom", font={"size": size},
                       bgcolor="rgba(255,255,255,0.8)")


def _unplaced_words(unplaced: int) -> str:
    if not unplaced:
        return ""
    return f" {unplaced:,} figure{'s' if unplaced != 1 else ''} without a place not shown."


BASIS_WORDS = {
    "toll": "latest toll, reported {as_of}",
    "stock": "latest stock, reported {as_of}",
    "incidents": "sum of {counted} incidents",
    "other": "largest figure, not a total",
}


def _hover(points: pd.DataFrame) -> list[str]:
    """Each point's hover text; every field from the table is escaped for plotly."""
    texts = []
    for row in points.itertuples(index=False):
        where = [plain(row.admin1), plain(row.country)]
        title = plain(row.place_name) or where[0] or where[1]
        region = ", ".join(w for w in where if w and w != title)
        basis = "one incident" if row.basis == "incidents" and row.counted == 1 else (
            BASIS_WORDS.get(row.basis, "").format(as_of=_date(row.as_of), counted=row.counted))
        precision = PRECISION.get(row.geo_precision, "unknown")
        texts.append(
            f"<b>{plotly_text(title)}</b>" + (f"<br>{plotly_text(region)}" if region else "")
            + f"<br>{plotly_text(row.category)}: <b>{row.value:,.0f}</b> ({basis})"
            + f"<br>{row.figures} figure{'s' if row.figures != 1 else ''}, latest reported "
            + f"{_date(row.latest)}<br>placed at {plotly_text(precision)} level")
    return texts


def _date(day) -> str:
    return f"{day:%d %b %Y}" if pd.notna(day) else "on an unknown date"


def _mercator(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _fit(lat: pd.Series, lon: pd.Series) -> dict:
    """The centre and zoom that show every point on a map of about VIEW's size, with a
    margin; no closer than MAX_ZOOM (one point is shown in its country)."""
    west, east = float(lon.min()), float(lon.max())
    south, north = _mercator(float(lat.min())), _mercator(float(lat.max()))
    world = 512  # px: the world's width at zoom 0
    spans = [(east - west) / 360 * world / VIEW["width"],
             (north - south) / (2 * math.pi) * world / VIEW["height"]]
    widest = max(spans) * 1.4  # room for the markers
    zoom = MAX_ZOOM if widest <= 0 else min(MAX_ZOOM, max(0.0, -math.log2(widest)))
    middle = math.degrees(2 * math.atan(math.exp((north + south) / 2)) - math.pi / 2)
    return {"center": {"lat": round(middle, 4), "lon": round((west + east) / 2, 4)},
            "zoom": round(zoom, 2)}


def country_tolls(frame: pd.DataFrame, category: str) -> pd.DataFrame:
    """Each country's latest toll or stock of one category (by report date, the largest of
    that day), whoever stated it: one row per `country_code` with its country, value,
    scope, day, agency and figure_id. Only figures placed at the whole country
    (geo_precision 4) count: a town's or a region's toll is not the country's. Subsets
    and superseded values are left out."""
    rows = counted(frame)
    rows = rows[(_text(rows["category"]) == category)
                & _text(rows["scope"]).isin(TOTAL_SCOPES)
                & (pd.to_numeric(rows["geo_precision"], errors="coerce") == 4)
                & (_text(rows["country_code"]) != "")]
    rows = rows.assign(**{c: _text(rows[c]) for c in
                          ("country_code", "country", "scope", "agency", "figure_id")},
                       value=rows["value"].astype(float),
                       day=pd.to_datetime(rows["day"] if "day" in rows else rows["report_date"]))
    rows = rows.sort_values(["day", "value"], kind="stable", na_position="first")
    latest = rows.drop_duplicates("country_code", keep="last")
    columns = ["country_code", "country", "value", "scope", "day", "agency", "figure_id"]
    return latest[columns].sort_values("value", ascending=False, kind="stable").reset_index(
        drop=True)


def choropleth_figure(frame: pd.DataFrame, geojson: dict, category: str = "killed",
                      outlines: str | None = None) -> go.Figure:
    """The countries of `geojson` (matched by `properties.iso_a3`) coloured by their latest
    country-wide toll or stock of one category (`country_tolls`), on the same network-free
    map as `map_figure` (its outlines layer from the URL `outlines` when given). Each
    country's customdata is [its figure_id], for the evidence. Countries the outlines do not
    have are left out and counted in a note."""
    tolls = country_tolls(frame, category)
    shapes = {f["properties"].get("iso_a3"): f for f in geojson["features"]}
    drawn = tolls[tolls["country_code"].isin(shapes.keys())]
    missing = len(tolls) - len(drawn)
    note = f" {missing:,} {'countries' if missing != 1 else 'country'} not on the outlines." \
        if missing else ""
    if drawn.empty:
        fig = go.Figure(go.Scattermap(lat=[], lon=[], mode="markers", showlegend=False,
                                      hoverinfo="skip"))
        _map_layout(fig, outlines or geojson, WORLD)
        _note(fig, f"No country-wide {plotly_text(category)} toll or stock matches these "
                   f"filters.{note}", y=0.5, size=15)
        return fig
    features = [shapes[code] for code in drawn["country_code"]]
    hover = [
        f"<b>{plotly_text(country or code)}</b><br>{plotly_text(category)}: <b>{value:,.0f}</b> "
        f"(latest {plotly_text(scope)})<br>reported {_date(day)} by {plotly_text(agency)}"
        for code, country, value, scope, day, agency in zip(
            drawn["country_code"], drawn["country"], drawn["value"], drawn["scope"],
            drawn["day"], drawn["agency"], strict=True)
    ]
    fig = go.Figure(go.Choroplethmap(
        geojson={"type": "FeatureCollection", "features": features},  # only those coloured
        featureidkey="properties.iso_a3", locations=drawn["country_code"].tolist(),
        z=drawn["value"].tolist(), zmin=0,  # drawn under the outlines
        colorscale=[[0, "#f7f7f7"], [1, CATEGORY_COLOURS.get(category, OTHER_COLOUR)]],
        marker={"opacity": 0.8, "line": {"width": 0}},
        colorbar={"title": {"text": f"latest {plotly_text(category)} toll or stock"}},
        customdata=[[fid] for fid in drawn["figure_id"]], hovertext=hover, hoverinfo="text",
    ))
    lon, lat = zip(*(p for f in features for p in _positions(f["geometry"])), strict=True)
    _map_layout(fig, outlines or geojson, _fit(pd.Series(lat), pd.Series(lon)))
    if note:
        _note(fig, note.strip(), y=0.0, size=12)
    return fig


def _positions(geometry: dict):
    """Every (lon, lat) of a Polygon or MultiPolygon."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else (
        geometry["coordinates"])
    for polygon in polygons:
        for ring in polygon:
            yield from ring
