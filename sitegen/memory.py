"""How a build keeps Python's garbage collector out of its way.

A build holds millions of long-lived objects: the sources read, the per-article
facts, the site model. The cyclic collector walks every tracked object each time
it collects the oldest generation, and it does so again and again while the
build allocates: at 10,000 sources that is seconds per walk and a third of a warm
build. Nothing of that is garbage. So what a build has made and will keep is
frozen (`gc.freeze`: moved where the collector never looks) as soon as it is
made, and everything is thawed when the build ends, so that a long `sitegen
serve` session collects as usual between builds. Reference counting frees
frozen objects that are dropped all the same; only reference cycles among them
wait for the thaw.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def keep() -> None:
    """Freeze every object alive now: the build keeps what it has made so far."""
    gc.freeze()


def thaw() -> None:
    """Let the collector walk everything frozen again (at the end of a build)."""
    gc.unfreeze()


# Open `frozen` blocks in this process. The collector's generations are
# process-wide state, so whether an enclosing block will thaw is too; asking
# the collector instead (`gc.get_freeze_count`) walks every frozen object,
# 0.2 s per call with a 10,000-source model frozen.
_open_blocks = 0


@contextmanager
def frozen() -> Iterator[None]:
    """Everything alive now frozen for the block, and thawed when the outermost
    block ends: a build is one block, and work inside it that allocates a lot
    next to the model (rendering) or forks workers is another; thawed early,
    the model's millions of objects would be walked again by the first full
    collection after the inner block (recording the 70,000 output files of a
    10,000-source site set one off: 1.6 s).
    """
    global _open_blocks
    keep()
    _open_blocks += 1
    try:
        yield
    finally:
        _open_blocks -= 1
        if not _open_blocks:
            thaw()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection inside the block; the collector's state is restored after it.

    For loading a large value (unpickling the 10,000-source model: 7.2 s with
    the collector running, 2.3 s without); follow it with `keep`, or the first
    collection after the block walks everything it made.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def resident_mb() -> float:
    """This process's resident memory in MB (Linux; elsewhere its peak so far)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def processes_within(budget_mb: int, jobs: int) -> int:
    """How many processes, this one and forked workers, may share a piece of work
    that reads everything this process holds, within `budget_mb` (0: no limit).

    A forked worker shares this process's memory only until it writes to it, and
    reading a Python object writes its reference count: rendering a site, a
    worker ends up with its own copy of most of the model (measured at 10,000
    sources: 0.59 GB copied of 0.61 GB). So each process counts as this one's
    resident size, and workers are forked only while they all fit.
    """
    if budget_mb <= 0:
        return max(1, jobs)
    return max(1, min(jobs, int(budget_mb // max(resident_mb(), 1.0))))
