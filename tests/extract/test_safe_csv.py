"""One CSV writer for the project: line breaks inside fields never split a row, and no
cell opens as a formula in a spreadsheet, however it is disguised."""

import csv
import io

import pandas as pd

from extract.__main__ import main
from extract.safe_csv import SafeWriter, safe_cell, write_frame

DISGUISED = ["=1+1", " =1+1", "\u00a0=1+1", "\u200b=HYPERLINK(\"x\")", "\ufeff+1", "\uff1dSUM(1)",
             "\uff0b1", "\uff20A1", "@SUM(1,1)", "-2+3", "\t=1", "\rx", "\u2060\u00a0 @x"]
PLAIN = ["WHO", "12 killed", "", "Ministry of Health (MoH)", "'already quoted", "3-4"]


def test_every_disguised_formula_start_gets_an_apostrophe():
    for text in DISGUISED:
        assert safe_cell(text) == "'" + text, repr(text)
    for text in PLAIN:
        assert safe_cell(text) == text
    assert safe_cell(5) == 5 and safe_cell(None) is None


def test_bare_carriage_return_is_quoted_so_rows_stay_whole():
    buffer = io.StringIO(newline="")
    writer = SafeWriter(buffer)
    writer.writerow(["id", "text"])
    writer.writerows([["1", "first\r=1+1 line"], ["2", "second\nline"], ["3", 'a "quote", comma']])
    back = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert back == [["id", "text"], ["1", "first\r=1+1 line"],
                    ["2", "second\nline"], ["3", 'a "quote", comma']]
    assert len(pd.read_csv(io.StringIO(buffer.getvalue()))) == 3


def test_frames_are_written_safely_and_read_back_row_for_row():
    frame = pd.DataFrame({"agency": ["=HYPERLINK(\"x\")", "WHO\r=1+1", "\u00a0@SUM(1,1)"],
                          "value": [1, -2, 3]})
    buffer = io.StringIO(newline="")
    write_frame(frame, buffer)
    back = pd.read_csv(io.StringIO(buffer.getvalue()), dtype=str, keep_default_na=False)
    assert list(back.agency) == ["'=HYPERLINK(\"x\")", "WHO\r=1+1", "'\u00a0@SUM(1,1)"]
    assert list(back.value) == ["1", "-2", "3"]  # numbers stay numbers


def test_extract_figures_output_is_formula_safe_and_whole(tmp_path):
    doc = tmp_path / "hostile.txt"
    doc.write_text("---\ntitle: =HYPERLINK(\"http://127.0.0.1/x\")\npublisher: @SUM(1,1)\n---\n"
                   "At least 12 people were killed in Besk on Monday, officials said.\n",
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["figures", str(doc), "-o", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1
    assert rows[0]["title"] == "'=HYPERLINK(\"http://127.0.0.1/x\")"
    assert rows[0]["publisher"] == "'@SUM(1,1)" and rows[0]["value"] == "12"


def test_extract_totals_output_is_formula_safe(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("uid,text\n\"=1+1\",Two people were killed.\n", encoding="utf-8")
    out = tmp_path / "totals.csv"
    assert main(["totals", str(source), "-o", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["uid"] == "'=1+1" and rows[0]["killed"] == "2"
