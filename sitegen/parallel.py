"""Run per-source and per-article work on several cores, or on a Dask cluster.

The pipeline's expensive steps are maps of a pure function over many
independent items (read and normalise each source, analyse each article).
`Workers.map` runs such a map:

- inline, when `jobs` is 1 or there is too little work to pay for starting
  processes (a preview rebuild after one edit, the five seeds);
- on a `concurrent.futures.ProcessPoolExecutor` with `jobs` processes,
  forked for the map; with `warm=True` the first chunk runs here first, so
  state it loads (jieba's dictionary, ~1 s) is inherited by every worker
  instead of loaded by each;
- on a pool started early by `Workers.start`, whose workers load that state
  while this process is still reading and normalising: a cold build then
  never waits for jieba on its critical path;
- on any other `concurrent.futures.Executor`, e.g. a Dask cluster's
  (`dask://HOST:PORT`, the optional `dask` extra), for corpora beyond one
  machine.

Items go out in chunks, so a task carries dozens of articles and the pickling
and scheduling cost is paid per chunk, not per article. Results come back in
the order of the items, whatever order the workers finish in, so a parallel
build is byte-identical to an inline one.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from functools import partial
from typing import Any, TypeVar

from sitegen.memory import collector_paused, frozen, keep

Item = TypeVar("Item")
Result = TypeVar("Result")

DASK_SCHEME = "dask://"
# Fewer items than this run inline: starting a process costs more than the work.
MIN_PARALLEL_ITEMS = 8
# Chunks per worker: a few, so a slow chunk does not leave the other cores idle.
CHUNKS_PER_WORKER = 4
MAX_CHUNK = 64


class ExecutorError(ValueError):
    """An `--executor` address that cannot be used; the message says why."""


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def chunks(items: Sequence[Item], workers: int) -> list[Sequence[Item]]:
    """Consecutive slices of `items`: about CHUNKS_PER_WORKER per worker, at most MAX_CHUNK long."""
    if not items:
        return []
    size = max(1, min(MAX_CHUNK, -(-len(items) // (workers * CHUNKS_PER_WORKER))))
    return [items[start:start + size] for start in range(0, len(items), size)]


def _process_pool(jobs: int) -> ProcessPoolExecutor:
    """Forked workers inherit the imported pipeline; with other threads running
    (the preview server) fork is unsafe, and a fork server starts them instead."""
    methods = multiprocessing.get_all_start_methods()
    if can_fork():
        context = multiprocessing.get_context("fork")
    elif "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
    else:  # pragma: no cover - Windows, macOS without fork
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def _dask_executor(address: str) -> tuple[Executor, Callable[[], None], int]:
    """The cluster's executor, how to disconnect, and how many threads it has."""
    try:
        from distributed import Client
    except ImportError as error:
        raise ExecutorError(f"{address}: needs the dask extra (pip install 'sitegen[dask]')") from error
    try:
        client = Client(address[len(DASK_SCHEME):], timeout="10s")
    except OSError as error:
        raise ExecutorError(f"{address}: cannot connect: {error}") from error
    return client.get_executor(), client.close, max(1, sum(client.nthreads().values()))


class Workers:
    """Where maps run: inline, a process pool, or a Dask cluster's executor.

    `address` is None for local processes or `dask://HOST:PORT`. A cluster is
    connected on the first map that needs it and disconnected by `close`.
    """

    def __init__(self, jobs: int | None = None, address: str | None = None) -> None:
        if address is not None and not address.startswith(DASK_SCHEME):
            raise ExecutorError(f"{address}: unknown executor (expected {DASK_SCHEME}HOST:PORT)")
        if jobs is not None and jobs < 1:
            raise ExecutorError(f"--jobs {jobs}: must be at least 1")
        self.address = address
        self.jobs = jobs or default_jobs()
        self._executor: Executor | None = None
        self._close: Callable[[], None] | None = None
        self._early: ProcessPoolExecutor | None = None
        self._early_processes = 0

    @property
    def parallel(self) -> bool:
        return self.address is not None or self.jobs > 1

    @property
    def local_jobs(self) -> int:
        """Processes for work that must stay on this machine (rendering reads the
        whole site model, which is not worth sending to a cluster)."""
        return default_jobs() if self.address is not None else self.jobs

    def start(self, processes: int, initializer: Callable[..., None], *args: Any) -> bool:
        """Fork up to `processes` local workers now, each running
        `initializer(*args)` before any task: slow per-process set-up (jieba's
        dictionary, ~1 s) then happens on the other core while this process
        goes on, instead of in front of the first `map(..., warm=True)`.

        Maps with `warm=True` then run on these workers whatever their size
        (this process has not loaded the state); other maps use them only when
        they are big enough to be worth it, since the workers are busy with
        `initializer` first. False, and nothing started, when there is no
        second core to use, the work goes to a cluster, or forking is unsafe.
        """
        processes = min(processes, self.jobs)
        if self.address is not None or processes < 1 or self.jobs < 2 or not can_fork() or self._early:
            return False
        context = multiprocessing.get_context("fork")
        self._early = ProcessPoolExecutor(processes, context, initializer=initializer, initargs=args)
        self._early_processes = processes
        self._early.submit(os.getpid)  # a pool forks its workers on the first task
        return True

    def stop(self) -> None:
        """Shut the workers `start` forked down (a build calls this when it ends)."""
        if self._early is not None:
            self._early.shutdown(wait=True, cancel_futures=True)
            self._early = None

    def map(
        self, function: Callable[..., list[Result]], items: Sequence[Item], *extra: Any,
        min_parallel: int | None = None, warm: bool = False,
    ) -> Iterator[Result]:
        """`function(chunk, *extra)` over chunks of `items`, results in item order.

        `function` takes a chunk and returns one result per item; it must be a
        module-level function (it is pickled by reference). Fewer items than
        `min_parallel` (default MIN_PARALLEL_ITEMS) run inline.

        Work for the workers `start` forked is handed to them at once, so this
        process can do something else (import the renderer) while they work;
        other maps start when their first result is asked for.
        """
        least = MIN_PARALLEL_ITEMS if min_parallel is None else min_parallel
        if self._early is not None and items and (warm or len(items) >= least):
            calls = [(part, *extra) for part in chunks(items, self._early_processes)]
            return _submit(self._early, partial(_then_keep, function), calls, window=2 * self.jobs)
        return self._map_here(function, items, extra, least, warm)

    def _map_here(
        self, function: Callable[..., list[Result]], items: Sequence[Item], extra: tuple,
        least: int, warm: bool,
    ) -> Iterator[Result]:
        """`map` inline, on a Dask cluster, or on a pool forked for this map."""
        if not self.parallel or len(items) < least:
            yield from function(items, *extra)
            return
        if self.address is not None:
            cluster = self._cluster()
            calls = [(part, *extra) for part in chunks(items, self.jobs)]
            yield from _submit(cluster, function, calls, window=4 * self.jobs)
            return
        parts = chunks(items, self.jobs)
        if warm:
            yield from function(parts.pop(0), *extra)
        # Frozen while workers fork: the children's collector then never writes
        # to the parent's objects, so their pages stay shared, not copied.
        with frozen(), _process_pool(self.jobs) as pool:
            calls = [(part, *extra) for part in parts]
            yield from _submit(pool, partial(_then_keep, function), calls, window=2 * self.jobs)

    def _cluster(self) -> Executor:
        if self._executor is None:
            self._executor, self._close, self.jobs = _dask_executor(self.address)
        return self._executor

    def close(self) -> None:
        self.stop()
        if self._close is not None:
            self._close()
        self._executor = self._close = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _then_keep(function: Callable[..., list[Result]], *arguments: Any) -> list[Result]:
    """`function(*arguments)` in a local worker, then everything alive frozen.

    What a task leaves alive in a worker is kept for its later tasks: data the
    analysers load on first use (jieba's HMM tables, pypinyin's phrases: a
    quarter of a million objects), memos, list entries. Left in the collector's
    generations, each full collection in the worker walks all of it again,
    about one collection per tasks' worth of results (0.13 s each at 10,000
    sources); frozen, only what the current task makes is walked.
    """
    results = function(*arguments)
    keep()
    return results


def _submit(
    executor: Executor, function: Callable[..., list[Result]], calls: list[tuple], window: int = 0,
) -> Iterator[Result]:
    """The results of `function(*arguments)` for each call, in the order of the
    calls. The first `window` calls (default: all) are submitted now; at most
    that many are in flight or finished but not yet consumed, so results wait
    in memory only as fast as the caller takes them (rendered pages of a
    10,000-article site would fill gigabytes); unstarted calls are cancelled
    if the caller stops early.

    The collector is paused meanwhile: what comes back is kept by the build,
    and full collections set off by unpickling it would walk everything
    received so far, again and again (6.6 s of a cold build at 10,000 sources).
    """
    return itertools.chain.from_iterable(_chunk_results(executor, function, calls, window))


def _chunk_results(
    executor: Executor, function: Callable[..., list[Result]], calls: list[tuple], window: int = 0,
) -> Iterator[list[Result]]:
    """`_submit`, each call's list of results as one item."""
    pending = collections.deque(calls)
    running: collections.deque[Future] = collections.deque()
    _top_up(executor, function, pending, running, window)
    return _results(executor, function, pending, running, window)


def _top_up(
    executor: Executor, function: Callable[..., list[Result]], pending: collections.deque[tuple],
    running: collections.deque[Future], window: int,
) -> None:
    """Submit pending calls until `window` are running (all of them, with no window)."""
    while pending and (not window or len(running) < window):
        running.append(executor.submit(function, *pending.popleft()))


def _results(
    executor: Executor, function: Callable[..., list[Result]], pending: collections.deque[tuple],
    running: collections.deque[Future], window: int,
) -> Iterator[list[Result]]:
    """The results of the running calls in order, a call's list at a time,
    submitting the pending ones as they finish."""
    try:
        with collector_paused():
            while running:
                results = running.popleft().result()
                _top_up(executor, function, pending, running, window)
                yield results
    finally:
        for future in running:
            future.cancel()


# --------------------------------------------------------------------------- forked maps
# Rendering reads the whole site model; pickling it to each worker would cost
# more than rendering. Forked workers inherit it instead: the model is put in
# `_SHARED` just before the pool forks, and each task names only a range.

_SHARED: tuple[Callable[..., list[Any]], Any] | None = None


def can_fork() -> bool:
    """Forking is safe only with no other thread running (a lock held by one
    would stay locked forever in the child)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def call_forked(function: Callable[..., Result], *arguments: Any) -> Result:
    """`function(*arguments)` run in a forked process, its result sent back pickled.

    For a step that leaves much behind it (making a large site model): what
    the child allocated goes with it when it exits, where this process would
    keep it (the allocator holds on to freed memory), and every process forked
    from this one later would count it. A failure in the child is raised here
    as a RuntimeError carrying the child's traceback.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_send_result, args=(sender, function, arguments))
    child.start()
    sender.close()
    try:
        status, value = receiver.recv()
    except EOFError:
        status, value = "failed", "the process ended without a result"
    finally:
        receiver.close()
        child.join()
    if status == "failed":
        raise RuntimeError(f"{value} (exit code {child.exitcode})" if child.exitcode else value)
    return value


def _send_result(sender: Any, function: Callable[..., Any], arguments: tuple) -> None:
    try:
        sender.send(("done", function(*arguments)))
    except BaseException:  # noqa: BLE001 - every failure goes to the parent, which raises it
        sender.send(("failed", traceback.format_exc()))
    finally:
        sender.close()


def _call_shared(start: int, stop: int) -> list[Any]:
    assert _SHARED is not None
    function, state = _SHARED
    return function(state, start, stop)


def fork_map(
    function: Callable[[Any, int, int], list[Result]], state: Any, count: int, jobs: int,
    min_parallel: int = MIN_PARALLEL_ITEMS,
) -> Iterator[Result]:
    """`function(state, start, stop)` over consecutive ranges of `range(count)`,
    by this process and `jobs - 1` forked workers that inherit `state`; results
    in order. Inline when there is one job, little work, or forking is unsafe.

    This process takes every `jobs`-th range itself, while the workers run
    ahead on theirs, rather than waiting for `jobs` workers: reading the
    inherited state writes the reference count of every object read, so each
    process that reads the model ends up with its own copy of the pages it
    touched (rendering 10,000 sources: about 0.55 GB per worker), and one
    process fewer is one copy fewer.
    """
    global _SHARED
    if jobs <= 1 or count < min_parallel or not can_fork():
        for start in range(0, count, MAX_CHUNK):  # a range at a time, as from workers: the results of
            yield from function(state, start, min(start + MAX_CHUNK, count))  # all would wait in memory
        return
    bounds = [(part.start, part.stop) for part in chunks(range(count), jobs)]
    here = [number % jobs == jobs - 1 for number in range(len(bounds))]
    _SHARED = (function, state)
    try:
        context = multiprocessing.get_context("fork")
        with frozen(), ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context) as pool:
            theirs = [bound for bound, mine in zip(bounds, here) if not mine]
            results = _chunk_results(pool, partial(_then_keep, _call_shared), theirs, window=2 * jobs)
            try:
                for (start, stop), mine in zip(bounds, here):
                    yield from function(state, start, stop) if mine else next(results)
            finally:
                results.close()  # unstarted calls are cancelled when the caller stops early
    finally:
        _SHARED = None
