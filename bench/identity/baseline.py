"""The generic Splink baseline the issue asks for: first name, surname, date of birth, exact tax code.

What a team would set up from Splink's documentation without the Italian and
migration-aware preparation: names as written (a one-field full name split at
the first space), dates parsed with the source's formats (anything else is
missing), the tax code compared exactly, EM without labels, connected
components at a 0.9 match probability.
"""

import logging
from datetime import date, datetime

import pyarrow as pa


def _date(value: str, formats) -> str | None:
    for fmt in formats:
        try:
            parsed = datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
        if "%y" in fmt and parsed > date.today():
            parsed = parsed.replace(year=parsed.year - 100)
        return parsed.isoformat()
    return None


def baseline_table(records, date_formats) -> pa.Table:
    rows = []
    for position, record in enumerate(records):
        values = record.values
        first, last = values.get("first_name", ""), values.get("last_name", "")
        if not (first or last) and values.get("full_name"):
            first, _, last = values["full_name"].partition(" ")
        rows.append(
            {
                "unique_id": position,
                "first_name": first.strip().lower() or None,
                "surname": last.strip().lower() or None,
                "dob": _date(values.get("birth_date", ""), date_formats[record.source])
                if values.get("birth_date")
                else None,
                "tax_code": values.get("tax_code", "").strip().upper() or None,
            }
        )
    return pa.Table.from_pylist(rows)


def link_baseline(records, date_formats, *, threshold: float = 0.9) -> tuple[list[int], dict]:
    """Cluster label per record, and the timings of the stages."""
    import time

    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    timings = {}
    started = time.perf_counter()
    table = baseline_table(records, date_formats)
    db_api = DuckDBAPI(connection=duckdb.connect())
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True, invalid_dates_as_null=True),
            cl.ExactMatch("tax_code"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("dob"),
            block_on("tax_code"),
        ],
    )
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker = Linker(db_api.register(table), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("tax_code"), block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=3e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    timings["train"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=threshold / 2, warning_mode="never")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    result = clusters.as_pyarrow_table().select(["unique_id", "cluster_id"]).to_pylist()
    timings["predict_and_cluster"] = round(time.perf_counter() - started, 2)
    label = {row["unique_id"]: row["cluster_id"] for row in result}
    return [label.get(position, f"single-{position}") for position in range(len(records))], timings
