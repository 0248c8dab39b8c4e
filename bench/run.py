#!/usr/bin/env python
"""Measure registered pages and endpoints on seeded demo territories of growing size.

    python bench/run.py --sizes small medium [--database sqlite|postgres] [--repeat 30]

For each size, a worker process gets its own database (seeded once with
`seed_demo --size SIZE --seed 1` and kept in bench/results/ for later runs,
unless --reseed), then requests every page registered in an app's bench.py
through the test client: p50/p95 server-side time and the number of SQL
queries of each. Results go to bench/results/latest.json; the summary
prints, per page, p95 at each size, the p95 ratio between the largest and
the smallest size, and whether the query count is identical at all sizes
(it must be: a count that grows with the data is an N+1).
"""

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def _database_url(database: str, size: str) -> str:
    if database == "postgres":
        return f"postgres://postgres@127.0.0.1:5432/intreccio_bench_{size}"
    return f"sqlite:///{RESULTS / f'{size}.sqlite3'}"


def _code_fingerprint() -> str:
    """Changes whenever migrations or seeders change, so a stale bench database is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "intreccio").rglob("*.py")):
        if "migrations" in path.parts or path.name == "seed.py" or path.name == "seeding.py":
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _create_postgres_database(size: str) -> None:
    """Create the bench database on first use (the server's trust/peer access is enough)."""
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        name = f"intreccio_bench_{size}"
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def worker(size: str, database: str, repeat: int, reseed: bool) -> dict:
    os.environ["DATABASE_URL"] = _database_url(database, size)
    if database == "postgres":
        _create_postgres_database(size)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils.module_loading import autodiscover_modules

    from intreccio.core.benchmarks import registered_pages

    settings.ALLOWED_HOSTS = ["*"]
    marker = RESULTS / f"{size}.{database}.seeded"
    fingerprint = _code_fingerprint()
    seed_seconds = None
    if reseed or not marker.exists() or marker.read_text() != fingerprint:
        if database == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(str(RESULTS / f"{size}.sqlite3") + suffix).unlink(missing_ok=True)
        else:
            call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("seed_demo", size=size, seed=1, stdout=open(os.devnull, "w"))  # noqa: SIM115
        seed_seconds = round(time.perf_counter() - started, 1)
        marker.write_text(fingerprint)

    autodiscover_modules("bench")

    def _pass_second_factor(client, user):
        """Mark the session verified, as after the authenticator code (pages answer, not redirect)."""
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    results = {}
    for page in registered_pages():
        user, path = page.build()
        client = Client()
        if user is not None:
            client.force_login(user)
            _pass_second_factor(client, user)
        call = getattr(client, page.method)
        for _ in range(2):  # warm caches and the session
            response = call(path)
        timings, counts = [], []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = call(path)
                timings.append((time.perf_counter() - started) * 1000)
            counts.append(len(queries.captured_queries))
        assert response.status_code < 400, f"{page.name}: {path} answered {response.status_code}"
        timings.sort()
        results[page.name] = {
            "path": path,
            "description": page.description,
            "p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 2),
            "queries": counts[-1],
            "queries_stable": len(set(counts)) == 1,
        }
    return {"size": size, "database": database, "seed_seconds": seed_seconds, "pages": results}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", nargs="+", default=["small", "medium"])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)

    if arguments.worker:
        print(json.dumps(worker(arguments.worker, arguments.database, arguments.repeat, arguments.reseed)))
        return

    runs = []
    for size in arguments.sizes:
        print(f"measuring {size} on {arguments.database} (seeding it first if needed)…", flush=True)
        command = [
            sys.executable,
            __file__,
            "--worker",
            size,
            "--database",
            arguments.database,
            "--repeat",
            str(arguments.repeat),
        ] + (["--reseed"] if arguments.reseed else [])
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
        if result.returncode != 0:
            sys.exit(f"the {size} worker failed:\n{result.stderr}")
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))

    report = {"database": arguments.database, "repeat": arguments.repeat, "runs": runs, "summary": {}}
    smallest, largest = runs[0], runs[-1]
    print(f"\n{'page':42} " + " ".join(f"{r['size'] + ' p95':>12}" for r in runs) + "  ratio  queries")
    for name in smallest["pages"]:
        p95s = [r["pages"][name]["p95_ms"] for r in runs]
        counts = [r["pages"][name]["queries"] for r in runs]
        ratio = round(largest["pages"][name]["p95_ms"] / max(smallest["pages"][name]["p95_ms"], 0.01), 2)
        identical = len(set(counts)) == 1
        report["summary"][name] = {
            "p95_ms": dict(zip(arguments.sizes, p95s, strict=True)),
            "p95_ratio": ratio,
            "queries": dict(zip(arguments.sizes, counts, strict=True)),
            "queries_identical": identical,
        }
        shown = " ".join(f"{p:>10.1f}ms" for p in p95s)
        print(
            f"{name:42} {shown}  {ratio:>5}  {counts[0]}{'' if identical else ' ≠ ' + str(counts[-1])}"
            f"{'  (same at all sizes)' if identical else '  GROWS'}"
        )
    arguments.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten {arguments.output}")


if __name__ == "__main__":
    main()
