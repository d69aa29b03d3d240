"""The About tab: the method in plain words, with its known limits (docs/design.md has
it in full, served at DESIGN_PATH)."""

from __future__ import annotations

from dash import dcc, html

DESIGN_PATH = "/design.md"  # the design document, as plain text (app.py)

ABOUT = (
    "A figure is a number of people a report says were killed, wounded, operated on, "
    "missing, displaced, detained or abducted.",
    "Each comes with the sentence it was found in and a link to the report, so it can be "
    "checked.",
    "The number is kept as said (\"at least 205\", \"dozens\", \"10 to 15\"), with the "
    "lowest and highest count the words allow.",
    "Who said it is the agency (a ministry, a UN office, the police); when no one is named, "
    "the publisher.",
    "Its date is the day the agency said it; where the report does not say, the day it was "
    "published.",
    "A toll counts everyone so far in a war or campaign; a stock, how many are displaced, "
    "held or missing now.",
    "An incident counts one event (an attack, a flood); incidents are never added up into a "
    "total.",
    "Background figures are earlier events mentioned for context. Parts (\"including 12 "
    "children\") are not counted again.",
    "A claim is one agency's statement of a figure: a story copied by twenty outlets (a "
    "reprint) counts once.",
    "Two agencies with different numbers stay two claims, side by side: nothing is averaged "
    "or merged.",
    "When a report is revised or a figure corrected, the old version is kept; Changes lists "
    "what changed.",
    "Places are found offline in a gazetteer (GeoNames); figures without a place are not on "
    "the map.",
    "Known limits: figures are found by rules, not read by a person. Check the sentence "
    "before quoting a number.",
    "Only English is read: a report in another language gives few figures or none.",
    "An agency or place can be missed or wrong, most often small villages or names shared "
    "by several places.",
    "The figures are only as complete as the sources: a quiet source is not a quiet place "
    "(see Sources).",
)


def tab(design_path: str = DESIGN_PATH) -> dcc.Tab:
    """The About tab: ABOUT, one paragraph a line, and a link to the design document at
    `design_path`."""
    return dcc.Tab(label="About", value="about", id="tab-about", children=[
        html.Section([
            html.H2("How the figures are found"),
            *[html.P(line) for line in ABOUT],
            html.P(["The method in full, with its measured accuracy: ",
                    html.A("the design document (docs/design.md)", href=design_path,
                           id="design-link"), "."]),
        ], id="about", className="about"),
    ])
