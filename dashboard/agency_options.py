"""The agency filter's choices: each agency of the table shown with its acronym ("OCHA — UN
Office for the Coordination of Humanitarian Affairs") and found by any of its names, so that
typing "MSF" or "Doctors Without Borders" finds Médecins Sans Frontières."""

from __future__ import annotations

from extract.agencies import lookup


def agency_label(agency: str) -> str:
    """The agency as the filter shows it: "ACRONYM — name" for an agency of the table known by
    an acronym, else its name."""
    known = lookup(agency)
    if known is None or known.name != agency or not known.acronym or known.acronym == agency:
        return agency
    return f"{known.acronym} — {agency}"


def agency_option(agency: str, figures: int) -> dict:
    """One choice of the agency filter: its label with how many figures it holds, its value the
    stored name, and (for an agency of the table) every name it goes by to search on (Dash's
    Dropdown searches an option's `search` beside its label)."""
    label = agency_label(agency)
    option = {"label": f"{label} ({figures})", "value": agency}
    known = lookup(agency)
    if known is not None and known.name == agency:
        option["search"] = " ".join([label, *known.aliases])
    return option
