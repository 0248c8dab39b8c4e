"""The same model on Spark (pyspark in local mode) gives the same persons as on DuckDB.

pyspark is an optional dependency (requirements/spark.txt, docs/linkage.md):
without it, or without Java, this test is skipped and says why.
"""

import importlib.util
import json
import shutil

import pytest

from intreccio.identity.linkage import config, pipeline
from intreccio.identity.linkage.model import DEFAULT_MODEL

from .test_link_records import FIXTURE

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(
        importlib.util.find_spec("pyspark") is None,
        reason="pyspark is not installed: pip install -r requirements/spark.txt to run the Spark backend",
    ),
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java 17 runtime on the PATH"),
]


@pytest.fixture
def stop_spark():
    yield
    from pyspark.sql import SparkSession

    session = SparkSession.getActiveSession()
    if session is not None:
        session.stop()
        session.sparkContext._gateway.shutdown()


def test_spark_backend_links_like_duckdb(stop_spark):
    linkage_config = config.load_config(FIXTURE / "sources.toml")
    model = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))

    on_duckdb = pipeline.link_config(linkage_config, model_settings=model)
    on_spark = pipeline.link_config(linkage_config, model_settings=model, backend="spark")

    assert on_spark.keys == on_duckdb.keys
    assert on_spark.cluster_ids == on_duckdb.cluster_ids
    assert on_spark.cluster_sizes == on_duckdb.cluster_sizes
    spark_pairs = sorted(
        zip(*(on_spark.pairs.column(c).to_pylist() for c in ("unique_id_l", "unique_id_r")), strict=True)
    )
    duckdb_pairs = sorted(
        zip(*(on_duckdb.pairs.column(c).to_pylist() for c in ("unique_id_l", "unique_id_r")), strict=True)
    )
    assert spark_pairs == duckdb_pairs
