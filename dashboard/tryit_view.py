"""What the try-it panel shows for a text: the figures found, as a table first, then the
text with each figure's number highlighted; each row links to its highlight (an anchor
id per highlight), which takes the focus when followed."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from extract import Figure
from extract.language import not_english

from . import charts

MARK_ID = "try-mark-{}"  # the id of the n-th highlight in the echoed text
HEADINGS = ("Category", "Figure", "Agency", "Report date", "Words (go to the text)",
            "Times stated")


def tried_output(text: str, found: Sequence[Figure], language: str = "en") -> list:
    """The figures table (or why there is none), then the echoed text with its
    highlights."""
    spans, marks = highlight_spans(text, found)
    return [figures_table(found, marks, language),
            html.Div(spans, className="tried", id="tried-text")]


def highlight_spans(text: str, found: Sequence[Figure]) -> tuple[list, list[int]]:
    """The text with each figure's number marked in its category's colour, and for each
    figure (in the order found) the number of the highlight it is in: a figure whose
    number overlaps an earlier one's shares that highlight."""
    parts, starts, ends, last = [], [], [], 0
    for f in sorted(found, key=lambda f: f.start):
        if f.start < last:
            continue
        parts.append(text[last:f.start])
        parts.append(html.Mark(text[f.start:f.end], title=f"{f.category}: {f.value}",
                               id=MARK_ID.format(len(starts)), tabIndex="-1",
                               className=f"mark-{f.category}",
                               style={"background": charts.CATEGORY_COLOURS[f.category] + "55"}))
        starts.append(f.start)
        ends.append(f.end)
        last = f.end
    parts.append(text[last:])
    marks = [next(n for n in range(len(starts) - 1, -1, -1) if starts[n] <= f.start)
             for f in found]
    return parts, marks


def figures_table(found: Sequence[Figure], marks: list[int],
                  language: str = "en") -> html.Table | html.Div | html.P:
    """The figures found, one row each, its words linking to its highlight (`marks`:
    the highlight of each figure), with a note when the text is not English."""
    header = html.Thead(html.Tr([html.Th(h, scope="col") for h in HEADINGS]))
    rows = [html.Tr([html.Td(f.category),
                     html.Td((f"{f.value:,}" if f.qualifier == "exact" else f.number_text)
                             + (" (superseded)" if f.superseded else ""), className="count"),
                     html.Td((f.agency or "—") + (f" (via {f.carrier})" if f.carrier else "")),
                     html.Td(str(f.report_date or "")),
                     html.Td(html.A(f.number_text, href="#" + MARK_ID.format(mark),
                                    className="to-mark")),
                     html.Td(str(f.times_stated), className="count")])
            for f, mark in zip(found, marks, strict=True)]
    note = not_english("This text", language, len(found))
    if not rows:
        return html.P(note or "No casualty figures found in this text.", id="try-figures")
    table = html.Table([header, html.Tbody(rows)], className="try-table", id="try-figures")
    if note:
        return html.Div([html.P(note, className="message"), table])
    return table
