"""The build's collector policy: freeze what is kept, thaw at the end, pause while loading."""

from __future__ import annotations

import gc

from sitegen import memory
from sitegen.memory import collector_paused, frozen, keep, thaw


def test_frozen_freezes_for_the_block_and_thaws_after_it():
    thaw()
    with frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_an_inner_frozen_block_leaves_the_thaw_to_the_outer_one():
    thaw()
    with frozen():  # a build
        with frozen():  # rendering inside it
            pass
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_keep_lasts_until_thaw():
    keep()
    try:
        assert gc.get_freeze_count() > 0
    finally:
        thaw()
    assert gc.get_freeze_count() == 0


def test_the_collector_is_paused_inside_and_restored_after_even_on_error():
    assert gc.isenabled()
    try:
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("loading failed")
    except RuntimeError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_processes_within_a_budget_count_each_as_this_processs_resident_size(monkeypatch):
    monkeypatch.setattr(memory, "resident_mb", lambda: 700.0)
    assert memory.processes_within(1024, 2) == 1  # a second copy would not fit
    assert memory.processes_within(1500, 2) == 2
    assert memory.processes_within(100_000, 2) == 2  # never more than asked for
    assert memory.processes_within(100, 4) == 1  # this process renders whatever the budget
    assert memory.processes_within(0, 4) == 4  # no limit


def test_this_processs_resident_size_grows_with_what_it_holds():
    before = memory.resident_mb()
    held = bytearray(64 * 2**20)
    held[:: 4096] = b"x" * len(held[:: 4096])  # touch every page
    assert memory.resident_mb() - before > 48
