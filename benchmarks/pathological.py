"""Speed of extraction on pathological texts: every scan must stay bounded.

    python benchmarks/pathological.py [--size 1000000] [--only NAME]

Builds named hostile inputs of `--size` characters in code (nested and unclosed
brackets, sitrep citations, chains of number words, runs of commas, "and", capitals,
quotes, list bullets, table rows, pipes, "a: 1" lines, lists of places under a heading,
one endless sentence, ...), times `extract_figures`
and `document_totals` on each, and prints a table of name, seconds and figures found,
then the slowest input. The seconds are this process's CPU time, so that other work on a
shared machine does not count (extraction runs on one core, so it is the wall time of an
idle machine).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import document_totals, extract_figures  # noqa: E402


def repeated(unit: str, size: int) -> str:
    """`unit` repeated up to exactly `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def nested(opening: str, closing: str, size: int) -> str:
    """`opening` nested inside itself until half the size, then closed as deep."""
    depth = size // (len(opening) + len(closing))
    return opening * depth + closing * depth


def inputs(size: int) -> dict[str, Callable[[], str]]:
    """The named pathological inputs, each built on demand."""
    return {
        "nested_brackets": lambda: nested("(1 killed ", ") ", size),
        "open_brackets_killed": lambda: repeated("((((1 killed) ", size),
        "sitrep_citations": lambda: repeated("12 killed (Ministry of Health, 3 May) ", size),
        "sitrep_nested": lambda: nested("12 killed (Ministry of Health, 3 May ", ") ", size),
        "sitrep_no_stop": lambda: repeated("12 killed and 3 wounded (OCHA) ", size),
        "brackets_no_numbers": lambda: nested("(", ")", size),
        "brackets_words": lambda: nested("(killed ", ")", size),
        "unclosed_brackets": lambda: repeated("(12 killed ", size),
        "unclosed_citations": lambda: repeated("(Ministry of Health, 3 May, 12 killed ", size),
        "number_word_chain": lambda: repeated("one hundred and ", size),
        "number_words_killed": lambda: repeated("one hundred and twenty killed and ", size),
        "between_chain": lambda: repeated("between 1 and ", size),
        "between_killed": lambda: repeated("between 1 and 2 killed and between ", size),
        "commas": lambda: repeated(",", size),
        "commas_killed": lambda: repeated("12 killed, ", size),
        "comma_spaces": lambda: repeated(", ", size),
        "and_chain": lambda: repeated("and ", size),
        "and_killed": lambda: repeated("5 killed and ", size),
        "capitalised_words": lambda: repeated("Ministry Health Office Besk ", size),
        "capitals_said": lambda: repeated("The Ministry Of Health Said 12 Killed ", size),
        "capitals_run": lambda: repeated("KILLED ", size),
        "quotes": lambda: repeated('"', size),
        "quoted_figures": lambda: repeated('"12 killed," said OCHA ', size),
        "list_bullets": lambda: repeated("- 1 killed\n", size),
        "table_rows": lambda: repeated("| Killed | 12 |\n", size),
        # figures stated by layout (extract/tables.py): tables, lists and labels
        "pipes": lambda: repeated("|", size),
        "pipe_lines": lambda: repeated("|\n", size),
        "pipe_table": lambda: "| District | Killed | Injured |\n|---|---|---|\n" + repeated(
            "| Varnu | 12 | 40 |\n", size),
        "pipe_table_one_line": lambda: "| District | Killed |\n|---|---|\n" + repeated("| Varnu | 12 ", size),
        "label_lines": lambda: repeated("a: 1\n", size),
        "place_list": lambda: "Deaths by district (NDMA, 18 May):\n" + repeated("Varnu: 12\n", size),
        "aligned_rows": lambda: "Deaths by district:\n" + repeated("Varnu      12\n", size),
        "bracket_labels": lambda: repeated("- Killings (9)\n", size),
        "colons": lambda: repeated(":", size),
        "one_sentence": lambda: repeated("12 people were killed in the town of Besk and ", size),
        "many_figures": lambda: repeated("12 killed, 3 wounded and 5 missing, ", size),
        "said_chain": lambda: repeated("officials said ", size),
        "according_to_chain": lambda: repeated("according to ", size),
        "toll_chain": lambda: repeated("the death toll rose to ", size),
        "no_one_killed": lambda: repeated("no one was killed ", size),
        "dashes": lambda: repeated("- ", size),
        "newlines": lambda: repeated("\n", size),
        "no_spaces": lambda: repeated("killed12", size),
        "dates": lambda: repeated("on Monday 3 May ", size),
        "people_chain": lambda: repeated("the mayor and his son and ", size),
        "was_killed": lambda: repeated("a man was killed ", size),
        "invisible_digits": lambda: repeated("1\u200b000 killed ", size),
    }


def timed(fn: Callable[[str], object], text: str) -> tuple[float, object]:
    start = time.process_time()
    result = fn(text)
    return time.process_time() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--only", help="run only the input of this name")
    args = parser.parse_args()
    named = inputs(args.size)
    if args.only:
        if args.only not in named:
            parser.error(f"no input named {args.only!r}; one of: {', '.join(named)}")
        named = {args.only: named[args.only]}
    document_totals("5 people were killed.")  # load the word tables once
    print(f"{'input':<24}{'figures s':>10}{'totals s':>10}{'figures':>9}  killed total")
    slowest = ("", 0.0)
    for name, build in named.items():
        text = build()
        took_figures, figures = timed(extract_figures, text)
        took_totals, totals = timed(document_totals, text)
        print(f"{name:<24}{took_figures:>10.2f}{took_totals:>10.2f}{len(figures):>9}  "
              f"{totals['killed']}", flush=True)
        slowest = max(slowest, (name, max(took_figures, took_totals)), key=lambda x: x[1])
    print(f"slowest: {slowest[0]} {slowest[1]:.2f} s")


if __name__ == "__main__":
    main()
