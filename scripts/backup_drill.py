#!/usr/bin/env python3
"""Backup and restore drill: back up a seeded database, restore it into a new one, prove it is the same.

For each engine (PostgreSQL: pg_dump -Fc / pg_restore into a new database;
SQLite: the online backup API into a new file):

1. build a source database: migrate, seed the demo territory (size tiny),
   seal the audit chain (its head goes to an anchor file);
2. back it up, then restore it into a brand-new database, timing the restore
   and the checks (RTO);
3. on the restored copy: `migrate --check`, table fingerprints equal to the
   source's (row counts + SHA-256 of every row), `verify_audit_chain
   --no-seal` against the source's anchor file;
4. print a JSON report (and write it to --output).

Usage: scripts/backup_drill.py [--engine postgresql|sqlite|both] [--output FILE]
PostgreSQL: PGHOST/PGPORT/PGUSER like the tools (default 127.0.0.1:5432, postgres).
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = (
    str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
)


def manage(database_url: str, anchor: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "AUDIT_ANCHOR_PATH": str(anchor),
        "DJANGO_SETTINGS_MODULE": "config.settings.development",
    }
    return subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=check
    )


def seed_source(database_url: str, anchor: Path) -> dict:
    manage(database_url, anchor, "migrate", "--noinput", "-v0")
    manage(database_url, anchor, "seed_demo", "--size", "tiny", "--seed", "1")
    sealed = manage(database_url, anchor, "verify_audit_chain")
    return {"source_chain": sealed.stdout.strip().splitlines()[-1]}


def fingerprints(database_url: str, anchor: Path) -> dict:
    return json.loads(manage(database_url, anchor, "fingerprint_tables").stdout)


def check_restored(source_url: str, restored_url: str, anchor: Path, started: float) -> dict:
    migrations = manage(restored_url, anchor, "migrate", "--check", check=False)
    chain = manage(restored_url, anchor, "verify_audit_chain", "--no-seal", check=False)
    source, restored = fingerprints(source_url, anchor), fingerprints(restored_url, anchor)
    mismatched = sorted(t for t in set(source) | set(restored) if source.get(t) != restored.get(t))
    rows = sum(table["rows"] for table in source.values())
    return {
        "rto_seconds": round(time.perf_counter() - started, 2),
        "migrations_applied": migrations.returncode == 0,
        "tables": len(source),
        "rows": rows,
        "mismatched_tables": mismatched,
        "audit_chain_valid": chain.returncode == 0,
        "audit_chain": (chain.stdout + chain.stderr).strip().splitlines()[-1:],
    }


def drill_postgresql(workdir: Path) -> dict:
    host, port = os.environ.get("PGHOST", "127.0.0.1"), os.environ.get("PGPORT", "5432")
    user = os.environ.get("PGUSER", "postgres")
    suffix = str(os.getpid())
    source_db, restored_db = f"intreccio_drill_src_{suffix}", f"intreccio_drill_restored_{suffix}"
    base = f"postgres://{user}@{host}:{port}/"
    tools = {"host": host, "port": port, "username": user}
    flags = [f"--{k}={v}" for k, v in tools.items()]
    anchor = workdir / "pg-anchor.jsonl"
    try:
        for name in (source_db, restored_db):
            subprocess.run(["dropdb", *flags, "--if-exists", name], check=True)  # noqa: S603, S607
        subprocess.run(["createdb", *flags, source_db], check=True)  # noqa: S603, S607
        report = seed_source(base + source_db, anchor)
        dump = workdir / "intreccio.dump"
        subprocess.run(["pg_dump", *flags, "-Fc", "-f", str(dump), source_db], check=True)  # noqa: S603, S607
        started = time.perf_counter()
        subprocess.run(["createdb", *flags, restored_db], check=True)  # noqa: S603, S607
        subprocess.run(  # noqa: S603
            ["pg_restore", *flags, "--no-owner", "-d", restored_db, str(dump)],  # noqa: S607
            check=True,
        )
        report.update(check_restored(base + source_db, base + restored_db, anchor, started))
        report["backup_bytes"] = dump.stat().st_size
        return report
    finally:
        for name in (source_db, restored_db):
            subprocess.run(["dropdb", *flags, "--if-exists", name], check=False)  # noqa: S603, S607


def drill_sqlite(workdir: Path) -> dict:
    source, restored = workdir / "source.sqlite3", workdir / "restored.sqlite3"
    anchor = workdir / "sqlite-anchor.jsonl"
    report = seed_source(f"sqlite:///{source}", anchor)
    started = time.perf_counter()
    with sqlite3.connect(source) as live, sqlite3.connect(restored) as copy:
        live.backup(copy)  # the online backup API: consistent while the application writes
    report.update(check_restored(f"sqlite:///{source}", f"sqlite:///{restored}", anchor, started))
    report["backup_bytes"] = restored.stat().st_size
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["postgresql", "sqlite", "both"], default="both")
    parser.add_argument("--output", type=Path)
    options = parser.parse_args()
    engines = ["postgresql", "sqlite"] if options.engine == "both" else [options.engine]
    workdir = Path(tempfile.mkdtemp(prefix="intreccio-drill-"))
    results = {}
    try:
        for engine in engines:
            try:
                results[engine] = (drill_postgresql if engine == "postgresql" else drill_sqlite)(workdir)
            except subprocess.CalledProcessError as error:
                results[engine] = {
                    "error": f"{error.cmd[:3]} exited {error.returncode}: {error.stderr or ''}"[:500]
                }
            result = results[engine]
            result["passed"] = bool(
                not result.get("error")
                and result["migrations_applied"]
                and not result["mismatched_tables"]
                and result["audit_chain_valid"]
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    text = json.dumps(results, indent=2, sort_keys=True)
    print(text)
    if options.output:
        options.output.write_text(text)
    return 0 if all(r["passed"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
