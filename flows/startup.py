"""Start-up and exit of a `khabar` process without the cyclic garbage collector's overhead.

Importing the pipeline (Prefect, Great Expectations, polars, camel-tools) creates some
600,000 objects that live as long as the process. While they load, the collector walks
the growing heap again and again: about a fifth of the import time, for a few thousand
objects of garbage. At exit, the interpreter's final collections walk the heap once more:
1-3 s for nothing. So imports run with the collector paused, and when this process is the
`khabar` command (not a test calling `main`), what they created is frozen (`gc.freeze`:
skipped by every later collection) and so is everything left when the command returns.
Reference counting still frees whatever is not in a cycle, and a run's own garbage is
collected as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_owned = False  # this process ends with the command: freezing cannot leak across commands


def own_process() -> None:
    """Declare that this process runs one command and exits (the console script)."""
    global _owned
    _owned = True


@contextmanager
def quick_imports() -> Iterator[None]:
    """Pause the cyclic collector while long-lived modules import; freeze them if we may."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _owned:
            gc.freeze()
        if was_enabled:
            gc.enable()


def quick_exit() -> None:
    """Spare the interpreter's final collections over objects that die with the process."""
    if _owned:
        gc.freeze()
