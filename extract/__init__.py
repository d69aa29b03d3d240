"""Casualty figures from English text: numbers, categories, agencies, dates and totals.

Pure functions, text in and figures out: no files, network or database.

    >>> from extract import extract_figures, parse_number
    >>> parse_number("at least 205").low
    205
"""

from .figures import extract_figures, figures_frame
from .language import detect_language
from .numbers import Quantity, find_numbers, parse_number
from .row import COLUMNS, Figure, doc_id
from .totals import document_totals

__all__ = [
    "COLUMNS",
    "Figure",
    "Quantity",
    "detect_language",
    "doc_id",
    "document_totals",
    "extract_figures",
    "figures_frame",
    "find_numbers",
    "parse_number",
]
