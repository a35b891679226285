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

Importing this module (the `khabar` command does, before polars) also sets how polars'
allocator returns memory, for this process and the workers it spawns.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

# polars allocates through its own jemalloc, which it tells to keep freed pages for 0.5-1 s
# (polars/__init__.py, extended by this variable). Purged at once instead, a worker's peak
# during a 500-article batch and its pickling is ~85 MB lower (990 -> 905 MB in one process;
# 1049 -> 969 MB in a 10k-article run), for ~15k more page faults and ~0.06 s of system CPU
# per batch (~1.4%; decays of 100 and 200 ms cost as much and do not lower the peak). Read
# when polars loads, so set before it; spawned workers inherit it. An operator's own setting
# wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")

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
