"""Run the model on a backend: register records, train without labels, score pairs, explain a pair."""

import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from . import model
from .errors import LinkageInputError, translate

BACKENDS = ("duckdb", "spark")


def add_blocking_columns(table: pa.Table) -> pa.Table:
    """Copy identifiers into *_block columns, blanking values shared by many records."""
    for column in model.BLOCKING_IDENTIFIERS:
        values = table.column(column)
        counts = pc.value_counts(values.drop_null())
        shared = [
            item["values"].as_py() for item in counts if item["counts"].as_py() > model.SHARED_VALUE_LIMIT
        ]
        if shared:
            mask = pc.is_in(values, value_set=pa.array(shared, type=pa.string()))
            values = pc.if_else(mask, pa.scalar(None, pa.string()), values)
        table = table.append_column(f"{column}_block", values)
    tokens = table.column("fold_tokens")
    flat = pc.list_flatten(tokens)
    counts = pc.value_counts(flat)
    common = [item["values"].as_py() for item in counts if item["counts"].as_py() > model.COMMON_TOKEN_LIMIT]
    if common:
        common_set = set(common)
        rare = pa.array(
            [[t for t in row if t not in common_set] or None if row else None for row in tokens.to_pylist()],
            type=pa.list_(pa.string()),
        )
    else:
        rare = tokens.combine_chunks()
    return table.append_column("rare_tokens", rare)


def spark_session(app_name: str = "intreccio-linkage"):
    """A local Spark session with Splink's similarity functions (needs pyspark and Java 17)."""
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location
    except ImportError as error:
        raise LinkageInputError(
            translate(
                "il backend spark richiede pyspark: installa requirements/spark.txt "
                "(pip install -r requirements/spark.txt) e Java 17."
            ),
            code="spark_missing",
        ) from error
    session = (
        SparkSession.builder.appName(app_name)
        .master("local[2]")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def database_api(backend: str):
    if backend == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        connection = duckdb.connect()
        connection.execute("SET preserve_insertion_order = false")
        return DuckDBAPI(connection=connection)
    if backend == "spark":
        from splink.backends.spark import SparkAPI

        return SparkAPI(spark_session=spark_session(), break_lineage_method="persist")
    raise LinkageInputError(
        translate("backend «%(backend)s» sconosciuto: usa duckdb o spark.") % {"backend": backend},
        code="backend_unknown",
    )


MODEL_FORMAT = "intreccio-linkage-model/1"

# Term frequencies count identities, not records: a person with eight shelter
# stays must not make their own name look eight times as common (which would
# weaken exactly the evidence that links those stays). Each value is counted
# once per distinct signature below.
TERM_FREQUENCY_SIGNATURES = {
    "name_key": ("name_key", "sex", "birth_year_min"),
    "birth_place": ("birth_place", "name_key"),
    "address_key": ("address_key", "name_key"),
    "phone": ("phone", "name_key"),
}


def identity_frequencies(records: pa.Table, column: str) -> pa.Table:
    """Value -> share of distinct identities carrying it (columns: value column, tf_<column>)."""
    import duckdb

    signature = ", ".join(f'"{name}"' for name in TERM_FREQUENCY_SIGNATURES[column])
    connection = duckdb.connect()
    connection.register("records", records.select(list(dict.fromkeys(TERM_FREQUENCY_SIGNATURES[column]))))
    # Column names come from TERM_FREQUENCY_SIGNATURES above, never from input.
    query = (
        f'WITH identities AS (SELECT DISTINCT {signature} FROM records WHERE "{column}" IS NOT NULL) '  # noqa: S608
        f'SELECT "{column}", COUNT(*)::DOUBLE / (SELECT COUNT(*) FROM identities) AS "tf_{column}" '
        f'FROM identities GROUP BY "{column}"'
    )
    table = connection.sql(query).to_arrow_table()
    connection.close()
    return table


def package_model(settings: dict, record_count: int) -> dict:
    """A saved model: Splink's settings plus the number of records it was estimated on."""
    return {"format": MODEL_FORMAT, "trained_on_records": record_count, "splink_settings": settings}


def _transplant(saved: dict, backend: str) -> dict:
    """The model's parameters on settings written in another backend's SQL dialect."""
    fresh = model.settings().get_settings(backend).as_dict()
    saved_comparisons = {c["output_column_name"]: c for c in saved["comparisons"]}
    for comparison in fresh["comparisons"]:
        old = saved_comparisons.get(comparison["output_column_name"])
        if old is None or len(old["comparison_levels"]) != len(comparison["comparison_levels"]):
            raise LinkageInputError(
                translate(
                    "il modello è stato salvato da un'altra versione del motore (confronto «%(name)s»): "
                    "stimane uno nuovo omettendo --model."
                )
                % {"name": comparison["output_column_name"]},
                code="model_incompatible",
            )
        for level, old_level in zip(comparison["comparison_levels"], old["comparison_levels"], strict=True):
            for key in ("m_probability", "u_probability", "tf_adjustment_weight"):
                if key in old_level:
                    level[key] = old_level[key]
    fresh["probability_two_random_records_match"] = saved["probability_two_random_records_match"]
    return fresh


def settings_for(
    model_document: dict, record_count: int, *, term_frequencies: bool = True, backend: str = "duckdb"
) -> dict:
    """Adapt a saved model to an input of `record_count` records on `backend`.

    The prior (probability that two random records match) scales as 1/N: each
    person has a few records whatever N is, while pairs grow as N squared. With
    `term_frequencies` False (inputs too small for frequencies to mean anything)
    term-frequency adjustments are switched off. A model saved on one backend
    runs on another: its parameters move onto settings in that backend's SQL."""
    if "splink_settings" not in model_document:  # a bare Splink settings file
        model_document = package_model(model_document, record_count)
    settings = json.loads(json.dumps(model_document["splink_settings"]))
    if settings.get("sql_dialect", "duckdb") != backend:
        settings = _transplant(settings, backend)
    trained_on = model_document.get("trained_on_records") or record_count
    prior = settings.get("probability_two_random_records_match", 0.0001)
    settings["probability_two_random_records_match"] = min(0.5, prior * trained_on / max(record_count, 1))
    if not term_frequencies:
        for comparison in settings["comparisons"]:
            for level in comparison["comparison_levels"]:
                if level.get("tf_adjustment_column"):
                    level["tf_adjustment_weight"] = 0.0
    return settings


@dataclass
class Explanation:
    """Why a pair scored as it did: the weight of each comparison's level (log2 of a Bayes factor)."""

    match_probability: float
    match_weight: float
    prior_weight: float
    contributions: list[dict]  # {"comparison", "level", "weight"}


def _to_arrow(splink_df) -> pa.Table:
    return splink_df.as_pyarrow_table()


class LinkageEngine:
    """One set of prepared records on one backend; train or load a model, then score."""

    def __init__(
        self,
        records: pa.Table,
        *,
        backend: str = "duckdb",
        settings: dict | None = None,
        progress: Callable[[str], None] | None = None,
    ):
        from splink import Linker

        self.backend = backend
        self.progress = progress or (lambda message: None)
        self.records = add_blocking_columns(records)
        self.db_api = database_api(backend)
        self.input = self.db_api.register(self.records)
        # Splink reports through `progress` instead of its own log lines.
        logging.getLogger("splink").setLevel(logging.ERROR)
        self.linker = Linker(self.input, settings or model.settings(), log_level=None)
        self._register_frequencies()
        self.trained = settings is not None

    def _register_frequencies(self) -> None:
        self._frequencies = getattr(self, "_frequencies", None) or {
            column: self.db_api.register(identity_frequencies(self.records, column))
            for column in TERM_FREQUENCY_SIGNATURES
        }
        for column, table in self._frequencies.items():
            self.linker.table_management.register_term_frequency_lookup(table, column)

    # -- training ----------------------------------------------------------------------

    def train(self, *, max_pairs: float = 3e6, seed: int = 1) -> dict:
        """Estimate the model without labels: prior from near-certain rules, u by sampling, m by EM."""
        from splink import block_on
        from splink.internals.exceptions import EMTrainingException

        training = self.linker.training
        self.progress(translate("stima della probabilità a priori"))
        training.estimate_probability_two_random_records_match(model.deterministic_rules(), recall=0.7)
        self.progress(translate("stima dei parametri u (coppie casuali)"))
        training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
        for label, rule in (
            ("codice fiscale", block_on("cf")),
            ("nome", block_on("name_key")),
            ("data di nascita", block_on("dob_block")),
        ):
            self.progress(translate("stima EM dei parametri m (blocchi: %(rule)s)") % {"rule": label})
            try:
                training.estimate_parameters_using_expectation_maximisation(
                    rule, estimate_without_term_frequencies=True, max_pairs=max_pairs
                )
            except EMTrainingException:
                # Exports without codici fiscali (say) give this session no pairs:
                # the other sessions estimate what it would have.
                self.progress(translate("nessuna coppia per questi blocchi: stima saltata"))
        self.trained = True
        settings = bound_parameters(self.model_settings())
        from splink import Linker

        self.linker = Linker(self.input, settings, log_level=None)
        self._register_frequencies()
        return settings

    def model_settings(self) -> dict:
        return self.linker.misc.save_model_to_json()

    def save_model(self, path: Path | str) -> None:
        Path(path).write_text(json.dumps(self.model_settings(), indent=2), encoding="utf-8")

    # -- scoring -----------------------------------------------------------------------

    def predict(self, floor: float) -> pa.Table:
        """Score every candidate pair from the blocking rules; keep those above `floor`."""
        self.progress(translate("confronto delle coppie candidate"))
        predictions = self.linker.inference.predict(threshold_match_probability=floor, warning_mode="never")
        table = self._pairs(predictions)
        predictions.drop_table_from_database_and_remove_from_cache()
        return table

    def score_pairs(self, pairs: pa.Table) -> pa.Table:
        """Score exactly the given pairs (columns unique_id_l < unique_id_r), whatever blocking says."""
        if pairs.num_rows == 0:
            return _empty_pairs()
        blocked = pa.table(
            {
                "match_key": pa.array(["0"] * pairs.num_rows),
                "join_key_l": pairs.column("unique_id_l").cast(pa.int64()),
                "join_key_r": pairs.column("unique_id_r").cast(pa.int64()),
            }
        )
        registered = self.db_api.register(blocked)
        self.linker.table_management.register_blocked_pairs_for_predict(registered)
        try:
            predictions = self.linker.inference.predict(warning_mode="never")
            return self._pairs(predictions)
        finally:
            self.linker.table_management.invalidate_cache()

    @staticmethod
    def _pairs(predictions) -> pa.Table:
        table = _to_arrow(predictions)
        return table.select(["unique_id_l", "unique_id_r", "match_weight", "match_probability"])

    def explain(self, record_a: dict, record_b: dict) -> Explanation:
        """Score two prepared records and list each comparison's contribution."""
        records = [
            {
                **record,
                **{f"{column}_block": record.get(column) for column in model.BLOCKING_IDENTIFIERS},
                "rare_tokens": record.get("fold_tokens"),
            }
            for record in (record_a, record_b)
        ]
        from splink import Linker

        settings = {**self.model_settings(), "retain_intermediate_calculation_columns": True}
        explainer = Linker(self.input, settings, log_level=None)
        row = explainer.inference.score_pair(*records).as_record_list()[0]
        return explanation_from_row(row, settings)


# No level may be (almost) impossible among matches: EM on clean blocks can
# drive m to 0 (a sex mismatch never seen among CF-sharing pairs), which would
# make one wrong field veto any match. m is kept at or above this.
MIN_M_PROBABILITY = 0.005
# The opposite failure: EM's "match" class also takes in relatives (same
# surname, address, phone) and homonyms, so it learns that the same person's
# records often share no part of the name, or have unrelated birth dates. After
# folding, nicknames, swaps and precision-aware dates, that is rare; capping it
# keeps "nothing in common" strong evidence against a match.
MAX_ELSE_M_PROBABILITY = {"name": 0.05, "birth_date": 0.05}


def bound_parameters(settings: dict) -> dict:
    """Floor every m probability, cap the "all other" level of names and dates; renormalise."""
    for comparison in settings["comparisons"]:
        levels = [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]
        for level in levels:
            m = level.get("m_probability")
            level["m_probability"] = max(m if m is not None else MIN_M_PROBABILITY, MIN_M_PROBABILITY)
        cap = MAX_ELSE_M_PROBABILITY.get(comparison["output_column_name"])
        else_level = levels[-1]
        if cap is not None and else_level["m_probability"] > cap:
            others = sum(level["m_probability"] for level in levels[:-1])
            for level in levels[:-1]:
                level["m_probability"] *= (1 - cap) / others
            else_level["m_probability"] = cap
        total = sum(level["m_probability"] for level in levels)
        for level in levels:
            level["m_probability"] /= total
    return settings


def _empty_pairs() -> pa.Table:
    return pa.table(
        {
            "unique_id_l": pa.array([], pa.int64()),
            "unique_id_r": pa.array([], pa.int64()),
            "match_weight": pa.array([], pa.float64()),
            "match_probability": pa.array([], pa.float64()),
        }
    )


def explanation_from_row(row: dict, settings: dict) -> Explanation:
    """Per comparison: the level label and its weight (plus the term-frequency adjustment)."""
    contributions = []
    for comparison in settings["comparisons"]:
        name = comparison["output_column_name"]
        gamma = row.get(f"gamma_{name}")
        levels = [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]
        label = next(
            (
                level.get("label_for_charts", "")
                for level in comparison["comparison_levels"]
                if level.get("comparison_vector_value") == gamma
            ),
            None,
        )
        if label is None:
            # Levels are numbered from the last (0 = else) upwards; -1 = null.
            label = "null" if gamma == -1 else levels[len(levels) - 1 - gamma].get("label_for_charts", "")
        weight = row.get(f"mw_{name}") or 0.0
        weight += row.get(f"mw_tf_adj_{name}") or 0.0
        contributions.append({"comparison": name, "level": label, "gamma": gamma, "weight": round(weight, 3)})
    prior = settings.get("probability_two_random_records_match", 0.0001)
    return Explanation(
        match_probability=row["match_probability"],
        match_weight=row["match_weight"],
        prior_weight=math.log2(prior / (1 - prior)),
        contributions=contributions,
    )
