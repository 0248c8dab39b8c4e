"""Demo-territory seeders: each app's `seed.py` registers one with @seeder.

`seed_demo` imports every app's `seed` module, orders seeders by their
`after` names and runs each with the shared SeedContext, printing progress.
Seeders create data through the apps' actions; a bulk path is allowed only
where it writes exactly what the action would (say so in its docstring).
"""

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SIZES = {
    # persons is the headline figure; apps derive their volumes from it.
    # "tiny" exists for the test suite: every seeder runs, in seconds.
    "tiny": {"persons": 60, "scale": 1},
    "small": {"persons": 2_000, "scale": 1},
    "medium": {"persons": 20_000, "scale": 3},
    "large": {"persons": 200_000, "scale": 10},
}


@dataclass
class SeedContext:
    size: str
    seed: int
    rng: random.Random
    faker: Any
    stdout: Any = sys.stdout
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def persons(self) -> int:
        return SIZES[self.size]["persons"]

    @property
    def scale(self) -> int:
        return SIZES[self.size]["scale"]

    def progress(self, label: str, done: int, total: int) -> None:
        """Print a progress line at most every ~5% (long seeds show they are alive)."""
        step = max(1, total // 20)
        if done == total or done % step == 0:
            self.stdout.write(f"  {label}: {done}/{total} ({100 * done // max(total, 1)}%)\n")
            self.stdout.flush()


@dataclass(frozen=True)
class Seeder:
    name: str
    function: Callable[[SeedContext], None]
    after: tuple[str, ...]


_seeders: dict[str, Seeder] = {}


def seeder(name: str, *, after: tuple[str, ...] = ()):
    def register(function: Callable[[SeedContext], None]):
        _seeders[name] = Seeder(name=name, function=function, after=after)
        return function

    return register


def ordered_seeders() -> list[Seeder]:
    """Return seeders so that each runs after the ones it names (stable by name)."""
    ordered: list[Seeder] = []
    placed: set[str] = set()
    pending = dict(sorted(_seeders.items()))
    while pending:
        ready = [s for s in pending.values() if all(dep in placed or dep not in _seeders for dep in s.after)]
        if not ready:
            raise RuntimeError(f"seeders depend on each other in a cycle: {sorted(pending)}")
        for item in ready:
            ordered.append(item)
            placed.add(item.name)
            del pending[item.name]
    return ordered


def run_seeders(context: SeedContext) -> dict[str, float]:
    timings: dict[str, float] = {}
    for item in ordered_seeders():
        started = time.perf_counter()
        context.stdout.write(f"→ {item.name}\n")
        item.function(context)
        timings[item.name] = round(time.perf_counter() - started, 2)
        context.stdout.write(f"  done in {timings[item.name]} s\n")
    return timings
