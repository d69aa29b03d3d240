"""The dashboard's light table built from hand-made rows (tests/rows.py `a_figure`), as
dashboard/data.py builds it from the store."""

import pandas as pd

from dashboard.data import light_table
from extract import figures_frame
from pipeline.store import day_of

from ..rows import a_figure


def table(*figures) -> pd.DataFrame:
    """The light table of these figures (each with its day as the store gives it)."""
    frame = figures_frame(list(figures))
    frame["day"] = [day_of(f.report_date, f.published) for f in figures]
    return light_table(frame)


def a_row(figure_id: str, value: int, scope: str, **fields):
    """A figure of `scope` (a toll, an incident, ...); see `a_figure` for the rest."""
    return a_figure(figure_id, value, scope=scope, **fields)
