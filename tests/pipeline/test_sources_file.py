"""The sources file is checked against a schema: one clear line naming the source and the
key, never a traceback, never a string read letter by letter."""

import datetime as dt
import logging
import textwrap
from pathlib import Path

import pytest

from pipeline.__main__ import main
from pipeline.sources import OPTIONS, Source, SourceError, load_sources

FOLDER = '[[source]]\nname = "docs"\nkind = "folder"\npath = "docs"\n'
BAD = {
    "single table": ('[source]\nname = "x"\nkind = "folder"\npath = "docs"\n',
                     r"\[source\] is a single table; declare each source as \[\[source\]\]"),
    "source is a string": ('source = "x"\n', "'source' must be \\[\\[source\\]\\] tables"),
    "path is a number": ('[[source]]\nname = "x"\nkind = "folder"\npath = 5\n',
                         r"source 1 \(x\): 'path' must be a string, not 5"),
    "url is a number": ('[[source]]\nname = "x"\nkind = "feed"\nurl = 5\n',
                        r"source 1 \(x\): 'url' must be a string, not 5"),
    "urls of numbers": ('[[source]]\nname = "x"\nkind = "urls"\nurls = [1, 2]\n',
                        r"'urls' must be a list of strings, not \[1, 2\]"),
    "urls is a string": ('[[source]]\nname = "x"\nkind = "urls"\nurls = "http://a.example/"\n',
                         r"'urls' must be a list of strings, not 'http://a.example/'"),
    "a typo": (FOLDER + "intervall = 5\n", r"source 1 \(docs\): unknown key 'intervall'"),
    "a near miss": (FOLDER + "follow_symlink = true\n",
                    r"unknown key 'follow_symlink' \(did you mean 'follow_symlinks'\?\)"),
    "key of another kind": (FOLDER + 'url = "http://a.example/"\n',
                            "'url' applies to feed sources, not to a folder source"),
    "a bool as a number": (FOLDER + "max_bytes = true\n", "'max_bytes' must be a whole number"),
    "a number as a bool": (FOLDER + "follow_symlinks = 1\n",
                           "'follow_symlinks' must be true or false, not 1"),
    "a zero cap": ('[[source]]\nname = "f"\nkind = "feed"\nurl = "https://a.example/f"\n'
                   "max_entries = 0\n", "'max_entries' must be more than 0"),
    "no name": ('[[source]]\nkind = "folder"\npath = "docs"\n', "'name' must be a non-empty"),
    "name is a table": ('[[source]]\nkind = "folder"\npath = "docs"\n[source.name]\nx = 1\n',
                        "'name' must be a non-empty string"),
    "unknown top level": ('title = "mine"\n' + FOLDER, "unknown top-level key 'title'"),
    "no sources": ("", r"no \[\[source\]\] entries"),
    "root folder": ('[[source]]\nname = "disk"\nkind = "folder"\npath = "/"\n',
                    "path / is the whole disk or a home directory.*allow_broad_path = true"),
    "home folder": (f'[[source]]\nname = "home"\nkind = "folder"\npath = "{Path.home()}"\n',
                    "is the whole disk or a home directory"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_sources_files_give_one_clear_error(tmp_path, name):
    text, message = BAD[name]
    path = tmp_path / "sources.toml"
    path.write_text(text)
    with pytest.raises(SourceError, match=message) as caught:
        load_sources(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("name", ["urls is a string", "single table", "path is a number"])
def test_the_command_line_prints_one_line_not_a_traceback(tmp_path, caplog, capsys, name):
    path = tmp_path / "sources.toml"
    path.write_text(BAD[name][0])
    with caplog.at_level(logging.ERROR, logger="pipeline"):
        code = main(["refresh", "--store", str(tmp_path / "s.sqlite"), "--sources", str(path)])
    assert code == 1
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith(f"error: {path}") and "Traceback" not in capsys.readouterr().err


def test_every_option_is_read_into_the_source(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(textwrap.dedent("""
        [[source]]
        name = "everything"
        kind = "folder"
        path = "/"
        allow_broad_path = true
        follow_symlinks = true
        max_bytes = 1000
        source_deadline = 2.5
        text_field = "body"
        publisher = "Desk"

        [[source]]
        name = "wire"
        kind = "feed"
        url = "https://wire.example/feed.xml"
        allow_private = true
        max_entries = 20
        fetch_deadline = 7
    """))
    folder, wire = load_sources(path)
    assert folder == Source("everything", "folder", path=Path("/"), publisher="Desk",
                            text_field="body", follow_symlinks=True, allow_broad_path=True,
                            max_bytes=1000, source_deadline=2.5)
    assert (wire.allow_private, wire.max_entries, wire.fetch_deadline) == (True, 20, 7)
    assert wire.time_allowed == 600 and folder.time_allowed == 2.5
    assert Source("f", "folder").time_allowed is None


def test_every_option_is_a_field_of_source():
    fields = set(Source.__dataclass_fields__)
    assert set(OPTIONS) <= fields
    for key, option in OPTIONS.items():
        assert option.help and option.kinds, key


def test_expected_interval_is_read_and_a_bad_one_is_one_clear_line(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(FOLDER + 'expected_interval = "7 days"\n'
                    '[[source]]\nname = "wire"\nkind = "feed"\nurl = "https://wire.example/f"\n')
    docs, wire = load_sources(path)
    assert docs.expected_interval == dt.timedelta(days=7) and wire.expected_interval is None
    for value, message in [('"weekly"', r"source 1 \(docs\): 'expected_interval': 'weekly' is "
                                        r"not an interval: write a whole number above 0 and a "
                                        r"unit \(minute, hour, day, week, month, year\)"),
                           ("7", r"'expected_interval' must be a string, not 7"),
                           ('"0 days"', r"'0 days' is not an interval")]:
        path.write_text(FOLDER + f"expected_interval = {value}\n")
        with pytest.raises(SourceError, match=message) as caught:
            load_sources(path)
        assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_a_source_location_is_a_folder_name_or_its_url(tmp_path):
    assert Source("a", "folder", path=tmp_path / "reports").location == "reports"
    assert Source("b", "feed", url="https://wire.example/f").location == "https://wire.example/f"
    assert Source("c", "urls", urls=("https://a.example/1", "https://a.example/2")
                  ).location == "https://a.example/1"
