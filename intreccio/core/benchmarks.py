"""Pages and endpoints measured by bench/run.py: each app's `bench.py` registers its own.

A BenchPage builds its request from the seeded database: `build(ctx)`
returns (user, path) where ctx gives the demo personas and objects. The
harness times repeated requests through the test client and counts the SQL
queries of each, at every size.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BenchPage:
    name: str
    build: Callable
    description: str = ""
    method: str = "get"


_pages: dict[str, BenchPage] = {}


def bench_page(name: str, *, description: str = "", method: str = "get"):
    def register(build: Callable):
        _pages[name] = BenchPage(name=name, build=build, description=description, method=method)
        return build

    return register


def registered_pages() -> list[BenchPage]:
    return [page for _, page in sorted(_pages.items())]


def demo_user(email: str):
    """A demo account of the seeded database (see accounts/seed.py DEMO_ACCOUNTS)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)
