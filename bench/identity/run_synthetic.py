#!/usr/bin/env python
"""Benchmark the linkage engine and the generic Splink baseline on synthetic district exports.

    python bench/identity/run_synthetic.py --sizes 4000 40000 [400000] [--variants main heldout]

For each size and variant: generate the exports (seeded; main seed 1, held-out
seed 7), then, each in its own process (so time and peak memory are its own),
run `link_records`' pipeline and the generic baseline on the same files.
Reports cluster pairwise precision/recall/F1, B-cubed F1, the same per
difficulty tag, the cluster-size distribution against the truth, wall time
and peak resident memory. Results: bench/identity/results/synthetic.json
(merged with earlier runs of other sizes) and synthetic.md.
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results"
SEEDS = {"main": 1, "heldout": 7}
sys.path.insert(0, str(ROOT))


def worker(engine: str, data: Path, output: Path) -> None:
    """Link one generated dataset; write cluster labels, timings and peak memory as JSON."""
    from intreccio.identity.linkage import config, pipeline, reading

    started = time.perf_counter()
    linkage_config = config.load_config(data / "sources.toml")
    records = reading.read_sources(linkage_config)
    formats = {source.name: source.date_formats for source in linkage_config.sources}
    read_seconds = round(time.perf_counter() - started, 2)
    if engine == "ours":
        result = pipeline.link_records(records, formats)
        labels, timings = result.cluster_ids, result.timings
        extra = {"refused_merges": dict(result.refused_merges)}
    else:
        from baseline import link_baseline

        labels, timings = link_baseline(records, formats)
        extra = {}
    payload = {
        "keys": [[record.source, record.record_id] for record in records],
        "labels": [str(label) for label in labels],
        "timings": {"read": read_seconds, **timings},
        "seconds": round(time.perf_counter() - started, 1),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        **extra,
    }
    output.write_text(json.dumps(payload), encoding="utf-8")


def evaluate(payload: dict, truth: dict) -> dict:
    from intreccio.identity.linkage import evaluation

    keys = [tuple(key) for key in payload["keys"]]
    true_labels = [truth[key][0] for key in keys]
    tags = [truth[key][1] for key in keys]
    predicted = payload["labels"]
    sizes = Counter(Counter(predicted).values())
    true_sizes = Counter(Counter(true_labels).values())
    return {
        "records": len(keys),
        "pairwise": evaluation.pairwise(predicted, true_labels),
        "b_cubed": evaluation.b_cubed(predicted, true_labels),
        "per_difficulty": evaluation.per_tag(predicted, true_labels, tags),
        "largest_cluster": max(sizes),
        "largest_true_cluster": max(true_sizes),
        "cluster_sizes": {str(size): count for size, count in sorted(sizes.items())},
        "true_cluster_sizes": {str(size): count for size, count in sorted(true_sizes.items())},
        "seconds": payload["seconds"],
        "timings": payload["timings"],
        "peak_memory_mb": payload["peak_memory_mb"],
        **({"refused_merges": payload["refused_merges"]} if "refused_merges" in payload else {}),
    }


def run(size: int, variant: str, engines: list[str], keep: Path | None) -> dict:
    from generator import generate

    with tempfile.TemporaryDirectory(prefix=f"linkage-{variant}-{size}-") as scratch:
        data = keep / f"{variant}-{size}" if keep else Path(scratch) / "data"
        started = time.perf_counter()
        counts = generate(size, variant, SEEDS[variant], data)
        generated = round(time.perf_counter() - started, 1)
        with (data / "truth.csv").open(encoding="utf-8") as handle:
            truth = {
                (row["source"], row["record_id"]): (
                    row["person_id"],
                    set(filter(None, row["tags"].split("+"))),
                )
                for row in csv.DictReader(handle)
            }
        entry = {"size": size, "variant": variant, "seed": SEEDS[variant], "records_per_source": counts}
        entry["generation_seconds"] = generated
        for engine in engines:
            output = Path(scratch) / f"{engine}.json"
            print(f"{variant} {size}: {engine} ...", flush=True)
            subprocess.run(
                [sys.executable, __file__, "--worker", engine, "--data", str(data), "--output", str(output)],
                check=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            entry[engine] = evaluate(json.loads(output.read_text(encoding="utf-8")), truth)
            figures = entry[engine]
            print(
                f"  P {figures['pairwise']['precision']} R {figures['pairwise']['recall']} "
                f"F1 {figures['pairwise']['f1']} B3 {figures['b_cubed']['f1']} "
                f"largest {figures['largest_cluster']} (true {figures['largest_true_cluster']}) "
                f"{figures['seconds']} s {figures['peak_memory_mb']} MB",
                flush=True,
            )
        return entry


def markdown(results: list[dict]) -> str:
    lines = [
        "# Synthetic district exports: linkage results",
        "",
        "Generated by `bench/identity/run_synthetic.py` (do not edit by hand). Cluster-level pairwise",
        "precision/recall/F1 and B-cubed F1 against the generator's truth; *ours* is `link_records`'",
        "pipeline with its defaults, *baseline* is generic Splink (first name, surname, date of birth,",
        "exact tax code). Time and peak memory are each run's own process, on this 2-core machine.",
        "",
        "| variant | records | engine | P | R | F1 | B³ F1 | largest / true largest | time s | peak MB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for entry in results:
        for engine in ("ours", "baseline"):
            if engine not in entry:
                continue
            f = entry[engine]
            p = f["pairwise"]
            lines.append(
                f"| {entry['variant']} | {f['records']} | {engine} | {p['precision']} | {p['recall']} | "
                f"**{p['f1']}** | {f['b_cubed']['f1']} | "
                f"{f['largest_cluster']} / {f['largest_true_cluster']} | "
                f"{f['seconds']} | {f['peak_memory_mb']} |"
            )
    for entry in results:
        if "ours" not in entry:
            continue
        lines += [
            "",
            f"## Per difficulty: {entry['variant']}, {entry['ours']['records']} records",
            "",
            "Pairs with at least one record carrying the difficulty (true pairs: how many such pairs exist).",
            "",
            "| difficulty | true pairs | ours P / R / F1 | baseline P / R / F1 |",
            "| --- | --- | --- | --- |",
        ]
        for tag, ours in entry["ours"]["per_difficulty"].items():
            base = entry.get("baseline", {}).get("per_difficulty", {}).get(tag)
            base_text = f"{base['precision']} / {base['recall']} / {base['f1']}" if base else "-"
            lines.append(
                f"| {tag} | {ours['true_pairs']} | {ours['precision']} / {ours['recall']} / {ours['f1']} | "
                f"{base_text} |"
            )
        sizes = entry["ours"]["cluster_sizes"]
        lines += [
            "",
            "Cluster sizes (size: count), ours: " + ", ".join(f"{k}: {v}" for k, v in sizes.items()),
            "",
            "True cluster sizes: "
            + ", ".join(f"{k}: {v}" for k, v in entry["ours"]["true_cluster_sizes"].items()),
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4000, 40000])
    parser.add_argument("--variants", nargs="+", default=["main", "heldout"], choices=sorted(SEEDS))
    parser.add_argument("--engines", nargs="+", default=["ours", "baseline"], choices=["ours", "baseline"])
    parser.add_argument("--keep", type=Path, help="keep the generated exports in this folder")
    parser.add_argument("--worker", choices=["ours", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.data, args.output)
        return
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "synthetic.json"
    previous = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    fresh = [run(size, variant, args.engines, args.keep) for size in args.sizes for variant in args.variants]
    done = {(entry["size"], entry["variant"]) for entry in fresh}
    merged = [entry for entry in previous if (entry["size"], entry["variant"]) not in done] + fresh
    merged.sort(key=lambda entry: (entry["size"], entry["variant"]))
    path.write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")
    (RESULTS / "synthetic.md").write_text(markdown(merged), encoding="utf-8")
    print(f"results: {path}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
