"""A build progress bar that stays out of the way.

A bar that flashes on every half-second build is noise, and one written into a log
file or a pipe is garbage, so the bar appears only on a terminal and only once the
build has run for `delay` seconds (tqdm's own `delay`). tqdm is imported only when
a bar may be shown, so scripted builds do not pay for it.
"""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Counts work units of a build; shows a bar when enabled and the build is slow."""

    def __init__(self, enabled: bool = False, stream: TextIO | None = None, delay: float = 0.5):
        self._bar = None
        self._enabled = enabled
        self._stream = stream or sys.stderr
        self._delay = delay

    @classmethod
    def for_terminal(cls, quiet: bool = False) -> Progress:
        """A progress reporter that is enabled when stderr is an interactive terminal."""
        stream = sys.stderr
        return cls(enabled=not quiet and stream.isatty(), stream=stream)

    def start(self, total: int) -> None:
        """Begin counting `total` units (sources plus the corpus-wide stages)."""
        if not self._enabled:
            return
        from tqdm import tqdm

        self.close()
        self._bar = tqdm(
            total=total, file=self._stream, delay=self._delay, leave=False,
            unit="step", dynamic_ncols=True,
        )

    def stage(self, name: str) -> None:
        """Name the stage now running, shown left of the bar."""
        if self._bar is not None:
            self._bar.set_description_str(name, refresh=False)

    def extend(self, units: int) -> None:
        """Add `units` to the total once a stage knows how much work it has."""
        if self._bar is not None:
            self._bar.total += units
            self._bar.refresh()

    def advance(self, units: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(units)

    def close(self) -> None:
        """Remove the bar so the summary line that follows starts on a clean line."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
