"""The command line: figures for files, totals for a CSV, and clear errors."""

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd

from extract.__main__ import main
from extract.row import COLUMNS

from ..processes import started

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


def test_help_names_both_commands():
    out = subprocess.run([sys.executable, "-m", "extract", "--help"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "figures" in out and "totals" in out


def test_output_into_a_pipe_closed_early_ends_without_a_traceback():
    files = [str(p) for p in sorted(SAMPLE.glob("*.txt"))]
    with started([sys.executable, "-m", "extract", "figures", *files], cwd=ROOT,
                 stdout=subprocess.PIPE, stderr=subprocess.PIPE) as reader:
        assert reader.stdout.readline().startswith(b"figure_id,")
        reader.stdout.close()  # as `| head -1` does
        err = reader.stderr.read()
        reader.wait(timeout=60)
    assert b"Traceback" not in err


def test_figures_for_text_and_html_files(tmp_path):
    out = tmp_path / "figures.csv"
    files = [SAMPLE / "2026-03-12_meridian-post_ministry-toll.txt",
             SAMPLE / "2026-03-09_global-dispatch_who-statement.html"]
    assert main(["figures", *map(str, files), "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == COLUMNS[:2] + ["document"] + COLUMNS[2:]
    assert set(table.document) == {f.name for f in files}
    who = table[table.document == files[1].name]
    assert who.publisher.iloc[0] == "Global Dispatch"
    assert who.url.iloc[0].startswith("https://globaldispatch.example/")
    first = who.iloc[0]
    assert (first.category, first.value, first.agency, first.report_date) == (
        "killed", 96, "World Health Organization", "2026-03-09")


def test_published_and_publisher_options_fill_what_a_file_lacks(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Twelve people were killed, the police said on Monday.", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["figures", str(doc), "--published", "2024-05-08", "--publisher", "Desk",
                 "-o", str(out)]) == 0
    row = pd.read_csv(out).iloc[0]
    assert (row.value, row.agency, row.report_date, row.publisher) == (12, "unnamed: police", "2024-05-06",
                                                                       "Desk")


def test_bad_file_gives_one_error_line_and_the_rest_still_runs(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Five people were killed.", encoding="utf-8")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out.csv"
    code = main(["figures", str(good), str(binary), str(missing), "-o", str(out)])
    assert code == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert str(binary) in errors[0] and "not valid UTF-16" in errors[0]
    assert str(missing) in errors[1] and "No such file" in errors[1]
    assert list(pd.read_csv(out).value) == [5]


def test_a_file_not_in_english_gets_a_note_and_no_figures(tmp_path, capsys):
    english = tmp_path / "en.txt"
    english.write_text("Police said five people were killed. Police said five people were killed.")
    french = tmp_path / "fr.txt"
    french.write_text("Au moins douze personnes ont été tuées mardi dans une attaque contre un "
                      "marché de la ville, selon les autorités locales.", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["figures", str(english), str(french), "-o", str(out)]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note:")]
    assert notes == [f"note: {french} is in French (fr): no figures, since the extractor reads "
                     "English only"]
    table = pd.read_csv(out)
    assert table[["document", "value", "times_stated"]].values.tolist() == [["en.txt", 5, 2]]


def _write_input(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "body"])
        writer.writerows(rows)


def test_totals_one_row_per_input_row_and_jobs_agree(tmp_path):
    rows = [(f"d{i}", text) for i, text in enumerate([
        "Gunmen killed 4 people and wounded 9.",
        "Nothing happened.",
        "300 people fled their homes; 2 are missing.",
    ] * 20)]
    src = tmp_path / "in.csv"
    _write_input(src, rows)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["totals", str(src), "--id-column", "id", "--text-column", "body",
                 "-o", str(one)]) == 0
    assert main(["totals", str(src), "--id-column", "id", "--text-column", "body",
                 "-o", str(two), "--jobs", "2"]) == 0
    assert one.read_text() == two.read_text()
    table = pd.read_csv(one, dtype=str, keep_default_na=False)
    categories = ["killed", "wounded", "surgeries", "missing", "displaced", "detained", "abducted"]
    assert list(table.columns) == (["uid"] + categories + [c + "_toll" for c in categories]
                                   + [c + "_all_incidents" for c in categories])
    assert len(table) == len(rows)
    assert table.iloc[0][["uid", "killed", "wounded", "displaced"]].tolist() == ["d0", "4", "9", ""]
    assert table.iloc[0][["killed_toll", "killed_all_incidents"]].tolist() == ["", "4"]
    assert table.iloc[1][["killed", "wounded"]].tolist() == ["", ""]
    # the displaced and the missing are stocks: no event's figures, and under _toll
    assert table.iloc[2][["displaced", "missing"]].tolist() == ["", ""]
    assert table.iloc[2][["displaced_toll", "missing_toll"]].tolist() == ["300", "2"]


def test_totals_read_the_publication_date_column_for_the_days_named(tmp_path):
    src = tmp_path / "in.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["uid", "text", "published"])
        writer.writerow(["a", "Gunmen killed 6 villagers on Monday. On Saturday, 20 people were "
                              "killed in an attack on a market in another province.", "2026-03-04"])
    out = tmp_path / "out.csv"
    assert main(["totals", str(src), "-o", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    # Monday is 2 March, Saturday 28 February: two events, the first the main one
    assert table.iloc[0][["killed", "killed_all_incidents"]].tolist() == ["6", "26"]


def test_totals_names_a_missing_column(tmp_path, capsys):
    src = tmp_path / "in.csv"
    _write_input(src, [("a", "text")])
    assert main(["totals", str(src), "--id-column", "uid", "--text-column", "body"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(src) in err and "uid" in err
