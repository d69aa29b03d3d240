"""Folders: no symbolic link out of the folder is followed unless the source says so."""

import sqlalchemy as sa

from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import documents, open_store

GOOD = "---\npublisher: Desk\n---\nGunmen killed 5 people.\n"
SECRET = "SECRET: 99 people were killed in the hidden file."


def stored_texts(store):
    with store.engine.connect() as conn:
        return {k.split(":", 1)[1]: t for k, t in conn.execute(sa.select(documents.c.key,
                                                                          documents.c.text))}


def make_folder(tmp_path):
    """docs/ with a good file and links out to files made outside it (never system files)."""
    outside = tmp_path / "outside"
    (outside / "etc").mkdir(parents=True)
    (outside / "etc" / "passwd").write_text(SECRET)
    (outside / "os-release").write_text(SECRET)
    (outside / "more.txt").write_text(SECRET)
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD)
    (folder / "passwd.txt").symlink_to(outside / "etc" / "passwd")  # absolute link
    (folder / "sub" / "rel.txt").symlink_to("../../outside/os-release")  # relative link
    (folder / "linked").symlink_to(outside, target_is_directory=True)  # a folder link
    (folder / "inside.txt").symlink_to("a.txt")  # stays inside: read
    return folder


def test_links_out_of_the_folder_are_not_followed(tmp_path, sqlite_url):
    folder = make_folder(tmp_path)
    store = open_store(sqlite_url)
    run = refresh(store, [Source("docs", "folder", path=folder)], progress=False)
    texts = stored_texts(store)
    assert set(texts) == {"a.txt", "inside.txt"}
    assert not any("SECRET" in t for t in texts.values())
    errors = [e for _, e in store.run_errors(run.run_id)]
    assert len(errors) == 2
    assert all("symbolic link to outside the folder, not followed" in e for e in errors)
    assert any("passwd.txt" in e for e in errors) and any("rel.txt" in e for e in errors)


def test_follow_symlinks_reads_them_when_asked(tmp_path, sqlite_url):
    folder = make_folder(tmp_path)
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a cycle ends
    store = open_store(sqlite_url)
    run = refresh(store, [Source("docs", "folder", path=folder, follow_symlinks=True)],
                  progress=False)
    assert run.status == "ok"
    assert set(stored_texts(store)) == {"a.txt", "inside.txt", "passwd.txt", "sub/rel.txt",
                                        "linked/more.txt"}


def test_a_link_loop_and_a_name_that_is_not_utf8_do_not_stop_the_folder(tmp_path, sqlite_url):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    (folder / "loop.txt").symlink_to("loop.txt")
    with open(bytes(folder) + b"/caf\xe9.txt", "w") as f:  # a Latin-1 file name
        f.write("Three people were wounded.\n")
    store = open_store(sqlite_url)
    run = refresh(store, [Source("docs", "folder", path=folder)], progress=False)
    assert set(stored_texts(store)) == {"a.txt", "caf\\xe9.txt"}
    (error,) = [e for _, e in store.run_errors(run.run_id)]
    assert "loop.txt: a symbolic link loop" in error
    assert store.recent_runs(1)[0]["status"] == "partial"
