"""The dashboard's light table built from hand-made rows (tests/rows.py `a_figure`), as
dashboard/data.py builds it from the store."""

import pandas as pd

from dashboard.data import light_table
from extract import figures_frame

from ..rows import a_figure


def table(*figures) -> pd.DataFrame:
    """The light table of these figures."""
    return light_table(figures_frame(list(figures)))


def a_row(figure_id: str, value: int, scope: str, **fields):
    """A figure of `scope` (a toll, an incident, ...); see `a_figure` for the rest."""
    return a_figure(figure_id, value, scope=scope, **fields)
