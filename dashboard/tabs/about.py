"""The About tab: the method in plain words, with its known limits (docs/design.md has
it in full, served at DESIGN_PATH)."""

from __future__ import annotations

from dash import dcc, html

DESIGN_PATH = "/design.md"  # the design document, as plain text (app.py)

ABOUT = (
    "Each figure is one number of people that a report says were killed, wounded, operated "
    "on, missing, displaced, detained or abducted, with the sentence it came from and a link "
    "to the report.",
    "The number is kept as it was said: \"at least 205\", \"more than 900\", \"dozens\", "
    "\"10 to 15\". The table gives the lowest and highest count the words allow.",
    "Each figure carries who said it (the agency: a ministry, a UN office, the police), and "
    "when. Where the report does not name anyone, the publisher is the source.",
    "A figure's date is the day the agency said it. Where the report gives no day, it is the "
    "day the report was published.",
    "Each figure says what it counts: a toll (everyone killed so far in a war or campaign), "
    "a stock (how many are displaced, held or missing now), one incident (an attack, a "
    "flood), a period (\"in the past week\"), or background (earlier events mentioned for "
    "context). Only tolls and stocks are running totals; incidents are never added up.",
    "Parts of another figure (\"including 12 children\") and old values a report replaces "
    "(\"up from 682 to 1,376\") are kept as evidence but not counted.",
    "A claim is one agency's statement of one figure. A wire story carried by twenty outlets "
    "is one claim, not twenty; a copy of an earlier report (a reprint) counts once.",
    "Two agencies that give different numbers are two claims, side by side: nothing is "
    "averaged or merged.",
    "When a report is updated or a figure corrected, the old version is kept. The Changes tab "
    "lists what changed, and \"As of\" shows the data as it stood at an earlier time.",
    "Places are looked up offline in a gazetteer (GeoNames): the place name as written, its "
    "province or region, its country and coordinates. Figures without a place are not on "
    "the map.",
    "Known limits: figures are found by rules, not read by a person. Check the sentence "
    "before quoting a number.",
    "Only English is read. A report in another language gives few figures or none.",
    "Who said a figure can be missed or cut short, and a place can be missing or wrong, "
    "most often for small villages or names shared by several places.",
    "A date from a weekday (\"on Monday\") is worked out from the publication date, and can "
    "be off when the report does not say when it was written.",
    "The figures are only as complete as the sources read: a quiet source is not a quiet "
    "place. The Sources tab says what each source has given.",
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
