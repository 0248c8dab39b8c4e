"""Link the records of several exports into persons: one output row per input record.

    python manage.py link_records --config SOURCES.toml --output clusters.csv \
        [--pairs pairs.csv] [--backend duckdb|spark] [--model model.json] [--save-model model.json]

Pure batch: no database is read or written. Nothing is written unless the whole
run succeeds (outputs go to temporary files that replace the targets at the end).
"""

import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intreccio.identity.linkage import pipeline
from intreccio.identity.linkage.config import load_config
from intreccio.identity.linkage.engine import BACKENDS
from intreccio.identity.linkage.errors import LinkageInputError
from intreccio.identity.linkage.model import DEFAULT_MODEL, MIN_TRAINING_RECORDS


class Command(BaseCommand):
    help = "Link person records across CSV exports described by a TOML file (docs/linkage.md)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--config", type=Path, required=True, help="TOML file describing the exports")
        parser.add_argument(
            "--output", type=Path, required=True, help="clusters.csv: source,record_id,cluster_id"
        )
        parser.add_argument("--pairs", type=Path, help="optional pairs.csv with the scored pairs")
        parser.add_argument("--backend", choices=BACKENDS, default="duckdb")
        parser.add_argument(
            "--model", type=Path, help="a trained model (JSON) to use instead of training one"
        )
        parser.add_argument("--save-model", type=Path, help="write the model used by this run (JSON)")

    def handle(self, *args, config: Path, output: Path, pairs: Path | None, backend: str, **options):
        started = time.perf_counter()
        interactive = sys.stderr.isatty()

        overwrite = {"pending": False}

        def progress(message: str) -> None:
            line = f"[{time.perf_counter() - started:7.1f} s] {message}"
            # Counters redraw one terminal line; other messages get their own.
            if interactive and message.startswith("preparati"):
                self.stderr.write("\r" + line, ending="")
                overwrite["pending"] = True
                return
            self.stderr.write(("\n" if overwrite["pending"] else "") + line)
            overwrite["pending"] = False

        for target in filter(None, (output, pairs, options.get("save_model"))):
            if not target.parent.is_dir():
                raise CommandError(
                    f"{target}: la cartella {target.parent} non esiste; creala o scegli un altro percorso."
                )
        try:
            settings = self._model(options.get("model"))
            linkage_config = load_config(config)
            if settings is None:
                settings = self._default_model_if_small(linkage_config, progress)
            result = pipeline.link_config(
                linkage_config, backend=backend, model_settings=settings, progress=progress
            )
        except LinkageInputError as error:
            raise CommandError(error.message) from error
        self._write_atomically(output, self._cluster_rows(result))
        if pairs:
            self._write_atomically(pairs, self._pair_rows(result))
        if options.get("save_model"):
            self._write_atomically(
                options["save_model"], None, text=json.dumps(result.model_settings, indent=2)
            )
        self._summary(result, output, pairs, time.perf_counter() - started)

    def _model(self, path: Path | None) -> dict | None:
        if path is None:
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CommandError(
                f"{path}: il modello non esiste; ometti --model per stimarne uno dai dati."
            ) from error
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{path}, riga {error.lineno}: il modello non è un JSON valido ({error.msg})."
            ) from error

    def _default_model_if_small(self, linkage_config, progress) -> dict | None:
        """Too few records to estimate a model without labels: use the bundled one."""
        rows = 0
        for source in linkage_config.sources:
            with source.path.open("rb") as handle:
                rows += max(sum(1 for _ in handle) - 1, 0)
        if rows >= MIN_TRAINING_RECORDS:
            return None
        progress(
            f"{rows} record: troppo pochi per stimare un modello, "
            f"uso quello predefinito ({DEFAULT_MODEL.name})"
        )
        return json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))

    @staticmethod
    def _cluster_rows(result):
        yield ("source", "record_id", "cluster_id")
        for (source, record_id), cluster_id in zip(result.keys, result.cluster_ids, strict=True):
            yield (source, record_id, cluster_id)

    @staticmethod
    def _pair_rows(result):
        yield ("source_a", "record_id_a", "source_b", "record_id_b", "match_probability")
        table = result.pairs
        for left, right, probability in zip(
            table.column("unique_id_l").to_pylist(),
            table.column("unique_id_r").to_pylist(),
            table.column("match_probability").to_pylist(),
            strict=True,
        ):
            yield (*result.keys[left], *result.keys[right], f"{probability:.4f}")

    @staticmethod
    def _write_atomically(path: Path, rows, text: str | None = None) -> None:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with open(descriptor, "w", encoding="utf-8", newline="") as handle:
                if text is not None:
                    handle.write(text)
                else:
                    csv.writer(handle).writerows(rows)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _summary(self, result, output, pairs, elapsed) -> None:
        sizes = ", ".join(f"{size}: {count}" for size, count in sorted(result.cluster_sizes.items()))
        refused = ", ".join(f"{reason}: {count}" for reason, count in sorted(result.refused_merges.items()))
        self.stdout.write(
            f"{len(result.keys)} record -> {len(set(result.cluster_ids))} persone "
            f"in {elapsed:.1f} s; scritto {output}" + (f" e {pairs}" if pairs else "")
        )
        self.stdout.write(f"dimensione dei gruppi (dimensione: quanti): {sizes}")
        self.stdout.write(f"gruppo più grande: {result.largest_cluster()} record")
        if refused:
            self.stdout.write(f"unioni rifiutate: {refused}")
