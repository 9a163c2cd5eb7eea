"""Parallel maps: results in item order whatever the executor, small work inline, a
parallel build byte-identical to an inline one, and the Dask path on a local cluster."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sitegen.build as build_module
import sitegen.parallel as parallel
from sitegen.build import Builder
from sitegen.config import load_settings
from sitegen.parallel import MAX_CHUNK, ExecutorError, Workers, chunks, fork_map

REPO = Path(__file__).resolve().parents[1]


def pids_and_squares(items: list[int]) -> list[tuple[int, int]]:
    """A task: which process handled each item, and a result that shows the order."""
    return [(os.getpid(), item * item) for item in items]


def pids_and_shared(state: list[str], start: int, stop: int) -> list[tuple[int, str]]:
    """A forked task: reads the inherited state by index, never pickled."""
    return [(os.getpid(), state[index]) for index in range(start, stop)]


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@given(st.lists(st.integers(), max_size=500), st.integers(min_value=1, max_value=16))
def test_chunks_cover_the_items_in_order_and_are_bounded(items, workers):
    parts = chunks(items, workers)
    assert [item for part in parts for item in part] == items
    assert all(0 < len(part) <= 64 for part in parts)


def test_one_job_runs_inline():
    results = list(Workers(jobs=1).map(pids_and_squares, list(range(100))))
    assert {pid for pid, _ in results} == {os.getpid()}
    assert [square for _, square in results] == [n * n for n in range(100)]


def test_too_little_work_runs_inline_even_with_many_jobs():
    results = list(Workers(jobs=4).map(pids_and_squares, [1, 2, 3]))
    assert {pid for pid, _ in results} == {os.getpid()}


def test_a_process_pool_keeps_the_item_order():
    items = list(range(300))
    results = list(Workers(jobs=2).map(pids_and_squares, items))
    assert [square for _, square in results] == [n * n for n in items]
    assert {pid for pid, _ in results} - {os.getpid()}


def test_warm_runs_the_first_chunk_here_and_the_rest_in_workers():
    results = list(Workers(jobs=2).map(pids_and_squares, list(range(300)), warm=True))
    assert results[0][0] == os.getpid()
    assert results[-1][0] != os.getpid()
    assert [square for _, square in results] == [n * n for n in range(300)]


FORKED_MAP_SCRIPT = """
import os
from sitegen.parallel import fork_map

def pids_and_shared(state, start, stop):
    return [(os.getpid(), state[index]) for index in range(start, stop)]

state = [f"page-{n}" for n in range(500)]
results = list(fork_map(pids_and_shared, state, len(state), jobs=2))
assert [text for _, text in results] == state, "order or content lost"
pids = {pid for pid, _ in results}
assert os.getpid() in pids, "this process took no share"
assert len(pids) == 2, "not one worker besides this process"
print("ok")
"""


def test_a_map_run_here_takes_a_bounded_range_at_a_time_and_hands_each_on_before_the_next():
    calls: list[tuple[int, int]] = []

    def record(state: list[int], start: int, stop: int) -> list[int]:
        calls.append((start, stop))
        return state[start:stop]

    results = fork_map(record, list(range(300)), 300, jobs=1)
    assert next(results) == 0 and len(calls) == 1  # the first range is handed on before the others run
    assert [0, *results] == list(range(300))
    assert calls[0][0] == 0 and calls[-1][1] == 300 and max(stop - start for start, stop in calls) <= MAX_CHUNK


def test_a_forked_map_reads_inherited_state_in_order():
    """Run in a fresh interpreter: earlier tests of this process leave threads
    running (servers, pools), and fork_map rightly refuses to fork then."""
    result = subprocess.run([sys.executable, "-c", FORKED_MAP_SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


COLLECTOR_SCRIPT = """
import gc
from sitegen.memory import frozen
from sitegen.parallel import Workers, fork_map

def squares(items):
    return [item * item for item in items]

def numbers(state, start, stop):
    return list(range(start, stop))

LEFT_BEHIND = []

def earlier_tasks_left_unfrozen(items):
    tracked = {id(o) for o in gc.get_objects()}
    unfrozen = any(id(left) in tracked for left in LEFT_BEHIND)
    LEFT_BEHIND.append([object()])  # what a task leaves alive for later ones, as a memo does
    return [unfrozen for _ in items]

with frozen():  # as a build is
    frozen_by_the_build = gc.get_freeze_count()
    collecting = [gc.isenabled() for _ in Workers(jobs=2).map(squares, list(range(300)))]
    assert collecting and not any(collecting), "the collector ran while results came in"
    assert list(fork_map(numbers, None, 500, jobs=2)) == list(range(500))
    assert gc.isenabled(), "the collector was left paused"
    assert not any(Workers(jobs=2).map(earlier_tasks_left_unfrozen, list(range(300)))), "a worker's leftovers unfrozen"
    assert gc.get_freeze_count() >= frozen_by_the_build, "a map thawed what the build froze"
print("ok")
"""


def test_maps_keep_full_collections_off_what_is_kept():
    """Fresh interpreter, as above. Full collections while results stream in
    would walk all of them again and again; a map that thawed the build's
    frozen model would have the next collections walk it; so would a worker's
    collections walk what its earlier tasks loaded."""
    result = subprocess.run([sys.executable, "-c", COLLECTOR_SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


EARLY_WORKERS_SCRIPT = """
import os
from sitegen.parallel import Workers

LOADED = []

def load(value):
    LOADED.append(value)

def loaded(items):
    return [(os.getpid(), list(LOADED), item) for item in items]

workers = Workers(jobs=2)
assert workers.start(1, load, "state"), "no worker started"
results = list(workers.map(loaded, [1, 2, 3], warm=True))
assert [item for _, _, item in results] == [1, 2, 3], "order lost"
assert all(pid != os.getpid() and state == ["state"] for pid, state, _ in results), results
small = list(workers.map(loaded, [4, 5]))
assert all(pid == os.getpid() for pid, _, _ in small), "a small map that needs no loaded state ran elsewhere"
workers.stop()
assert list(workers.map(loaded, [6], warm=True))[0][0] == os.getpid(), "stopped workers still used"
print("ok")
"""


def test_early_workers_run_their_initializer_and_take_warm_maps_of_any_size():
    """In a fresh interpreter, for the reason given above."""
    result = subprocess.run([sys.executable, "-c", EARLY_WORKERS_SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


EARLY_START_SCRIPT = """
import os, sys, time
from pathlib import Path
from sitegen.parallel import Workers

def touch(items, folder):
    for item in items:
        Path(folder, str(item)).write_text("done")
    return items

folder = sys.argv[1]
workers = Workers(jobs=2)
assert workers.start(1, print, "loading"), "no worker started"
results = workers.map(touch, [1, 2, 3], folder, warm=True)
deadline = time.monotonic() + 30
while len(os.listdir(folder)) < 3 and time.monotonic() < deadline:
    time.sleep(0.05)
assert sorted(os.listdir(folder)) == ["1", "2", "3"], "work waited for its first result to be asked for"
assert list(results) == [1, 2, 3]
workers.stop()
print("ok")
"""


def test_work_for_early_workers_starts_before_its_results_are_asked_for(tmp_path):
    """The build imports the renderer while the workers analyse: that overlap
    exists only if `map` hands them the work at once. Fresh interpreter, as above."""
    result = subprocess.run(
        [sys.executable, "-c", EARLY_START_SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok")


def test_no_early_workers_with_one_job():
    workers = Workers(jobs=1)
    assert not workers.start(2, print)
    assert [pid for pid, _ in workers.map(pids_and_squares, [1, 2], warm=True)] == [os.getpid()] * 2


def test_a_forked_map_with_one_job_runs_inline():
    results = list(fork_map(pids_and_shared, ["a", "b"], 2, jobs=1))
    assert results == [(os.getpid(), "a"), (os.getpid(), "b")]


@pytest.mark.parametrize("options", [{"jobs": 0}, {"jobs": -1}, {"address": "tcp://127.0.0.1:1"}, {"address": "x"}])
def test_unusable_settings_are_refused(options):
    with pytest.raises(ExecutorError):
        Workers(**options)


def test_a_parallel_build_equals_an_inline_build(tmp_path, monkeypatch):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    settings = load_settings(tmp_path, cache_dir="inline-cache")
    Builder(settings, jobs=1).build(tmp_path / "inline")
    monkeypatch.setattr(build_module, "MIN_PARALLEL_ARTICLES", 1)
    monkeypatch.setattr("sitegen.parallel.MIN_PARALLEL_ITEMS", 1)
    parallel = load_settings(tmp_path, cache_dir="parallel-cache")
    builder = Builder(parallel, jobs=2)
    builder.build(tmp_path / "parallel")
    builder.close()
    assert files_of(tmp_path / "inline") == files_of(tmp_path / "parallel")


# ----------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def dask_address():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
    ) as cluster:
        yield "dask://" + cluster.scheduler_address.split("://", 1)[1]


def test_a_dask_cluster_runs_the_map_in_order(dask_address):
    workers = Workers(address=dask_address)
    try:
        results = list(workers.map(pids_and_squares, list(range(200))))
    finally:
        workers.close()
    assert [square for _, square in results] == [n * n for n in range(200)]
    assert os.getpid() not in {pid for pid, _ in results}


def test_a_build_on_a_dask_cluster_equals_an_inline_build(tmp_path, dask_address, monkeypatch):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    Builder(load_settings(tmp_path, cache_dir="inline-cache"), jobs=1).build(tmp_path / "inline")
    monkeypatch.setattr(build_module, "MIN_PARALLEL_ARTICLES", 1)
    monkeypatch.setattr("sitegen.parallel.MIN_PARALLEL_ITEMS", 1)
    builder = Builder(load_settings(tmp_path, cache_dir="dask-cache"), executor=dask_address)
    builder.build(tmp_path / "dask")
    builder.close()
    assert files_of(tmp_path / "inline") == files_of(tmp_path / "dask")


def _fail_loudly(reason: str) -> None:
    raise ValueError(reason)


def test_a_forked_call_gives_its_result_and_raises_its_failure_here():
    assert parallel.call_forked(pow, 2, 10) == 1024
    with pytest.raises(RuntimeError, match="ValueError: the gazetteer is unreadable"):
        parallel.call_forked(_fail_loudly, "the gazetteer is unreadable")
    with pytest.raises(RuntimeError, match="exit code 3"):
        parallel.call_forked(os._exit, 3)

