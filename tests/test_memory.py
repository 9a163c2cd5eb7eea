"""The build's collector policy: freeze what is kept, thaw at the end, pause while loading."""

from __future__ import annotations

import gc

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
