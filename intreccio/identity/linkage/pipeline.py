"""The batch linkage run: read, prepare, train (or load), score, cluster, report."""

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa

from . import clustering
from .config import LinkageConfig
from .engine import LinkageEngine, package_model, settings_for
from .errors import translate
from .model import MIN_TRAINING_RECORDS
from .prepare import prepare_records
from .reading import RawRecord, read_sources

MATCH_THRESHOLD = 0.8  # a link at or above this merges two clusters (if coherent)
REVIEW_THRESHOLD = 0.5  # between this and MATCH_THRESHOLD: for a person to review (part B)
COHERENCE_THRESHOLD = 0.5  # minimum average probability over all cross pairs of a merge


@dataclass(frozen=True)
class Decision:
    """A human decision on two records: the same person (True) or different persons (False)."""

    source_a: str
    record_id_a: str
    source_b: str
    record_id_b: str
    same_person: bool


@dataclass
class LinkageResult:
    keys: list[tuple[str, str]]  # (source, record_id) in input order
    cluster_ids: list[str]
    pairs: pa.Table  # unique_id_l, unique_id_r, match_weight, match_probability (>= review threshold)
    cluster_sizes: Counter
    refused_merges: Counter
    timings: dict[str, float] = field(default_factory=dict)
    model_settings: dict | None = None
    trusted_codes: dict[int, str] = field(default_factory=dict)

    def largest_cluster(self) -> int:
        return max(self.cluster_sizes) if self.cluster_sizes else 0


def _label_clusters(cluster_of: list[int]) -> list[str]:
    """Stable ids: clusters numbered in the order of their first record."""
    numbers: dict[int, int] = {}
    ids = []
    for label in cluster_of:
        number = numbers.setdefault(label, len(numbers) + 1)
        ids.append(f"C{number:07d}")
    return ids


def link_records(
    records: list[RawRecord],
    date_formats: dict[str, tuple[str, ...]],
    *,
    backend: str = "duckdb",
    model_settings: dict | None = None,
    decisions: Iterable[Decision] = (),
    match_threshold: float = MATCH_THRESHOLD,
    review_threshold: float = REVIEW_THRESHOLD,
    coherence_threshold: float = COHERENCE_THRESHOLD,
    reference: date | None = None,
    progress: Callable[[str], None] | None = None,
    max_pairs: float = 3e6,
    unique_sources: Iterable[str] = (),
) -> LinkageResult:
    """Link raw records; `model_settings` (a saved model, see engine.package_model) skips training."""
    say = progress or (lambda message: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name):
        nonlocal started
        now = time.perf_counter()
        timings[name] = round(now - started, 2)
        started = now

    say(translate("preparazione di %(count)s record") % {"count": len(records)})
    table = prepare_records(
        records,
        date_formats,
        reference=reference,
        progress=lambda done: say(
            translate("preparati %(done)s/%(total)s") % {"done": done, "total": len(records)}
        ),
    )
    lap("prepare")
    small = len(records) < MIN_TRAINING_RECORDS
    settings = (
        settings_for(model_settings, len(records), term_frequencies=not small, backend=backend)
        if model_settings
        else None
    )
    engine = LinkageEngine(table, backend=backend, settings=settings, progress=say)
    if settings is None:
        model_settings = package_model(engine.train(max_pairs=max_pairs), len(records))
    lap("train")
    predictions = engine.predict(review_threshold)
    lap("predict")
    say(translate("%(count)s coppie probabilmente della stessa persona") % {"count": predictions.num_rows})

    scores = dict(
        zip(
            zip(
                predictions.column("unique_id_l").to_pylist(),
                predictions.column("unique_id_r").to_pylist(),
                strict=True,
            ),
            predictions.column("match_weight").to_pylist(),
            strict=True,
        )
    )
    position = {(record.source, record.record_id): index for index, record in enumerate(records)}
    must_link, cannot_link = [], []
    for decision in decisions:
        a = position.get((decision.source_a, decision.record_id_a))
        b = position.get((decision.source_b, decision.record_id_b))
        if a is None or b is None or a == b:
            continue
        (must_link if decision.same_person else cannot_link).append((a, b))
    trusted = {
        index: code
        for index, (code, ok) in enumerate(
            zip(table.column("cf").to_pylist(), table.column("cf_trusted").to_pylist(), strict=True)
        )
        if code and ok
    }
    completed: list[pa.Table] = []

    def score_missing(pairs):
        say(translate("confronto completo dentro i gruppi: %(count)s coppie") % {"count": len(pairs)})
        low, high = zip(*pairs, strict=True)
        scored = engine.score_pairs(
            pa.table({"unique_id_l": pa.array(low, pa.int64()), "unique_id_r": pa.array(high, pa.int64())})
        )
        completed.append(scored)
        return dict(
            zip(
                zip(
                    scored.column("unique_id_l").to_pylist(),
                    scored.column("unique_id_r").to_pylist(),
                    strict=True,
                ),
                scored.column("match_weight").to_pylist(),
                strict=True,
            )
        )

    say(translate("raggruppamento"))
    result = clustering.cluster(
        len(records),
        scores,
        match_threshold=match_threshold,
        loose_threshold=review_threshold,
        coherence_threshold=coherence_threshold,
        trusted_codes=trusted,
        must_link=must_link,
        cannot_link=cannot_link,
        score_missing=score_missing,
        exclusive_source_of={
            index: record.source
            for index, record in enumerate(records)
            if record.source in set(unique_sources)
        },
    )
    lap("cluster")
    all_pairs = pa.concat_tables([predictions, *completed]) if completed else predictions
    keep = pa.compute.greater_equal(all_pairs.column("match_probability"), review_threshold)
    return LinkageResult(
        keys=[(record.source, record.record_id) for record in records],
        cluster_ids=_label_clusters(result.cluster_of),
        pairs=all_pairs.filter(keep),
        cluster_sizes=result.sizes(),
        refused_merges=result.blocked_merges,
        timings=timings,
        model_settings=model_settings,
        trusted_codes=trusted,
    )


def link_config(config: LinkageConfig, **options) -> LinkageResult:
    """Read every export of a configuration and link them (see link_records for options)."""
    say = options.get("progress") or (lambda message: None)
    records = read_sources(config, progress=say)
    date_formats = {source.name: source.date_formats for source in config.sources}
    if config.match_threshold is not None:
        options.setdefault("match_threshold", config.match_threshold)
    if config.review_threshold is not None:
        options.setdefault("review_threshold", config.review_threshold)
    options.setdefault("unique_sources", [source.name for source in config.sources if source.unique_persons])
    return link_records(records, date_formats, **options)
