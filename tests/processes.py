"""Processes started by tests never outlive them."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def started(*args, **kwargs) -> Iterator[subprocess.Popen]:
    """A subprocess.Popen that is killed (and reaped) on leaving the block if it has not
    exited by then, whatever the test did."""
    proc = subprocess.Popen(*args, **kwargs)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
