"""The record-linkage engine: pure Python on Splink, no database, no Django models.

Entry points (docs/linkage.md):
- config.load_config(path) -> LinkageConfig; reading.read_sources(config) -> [RawRecord]
- prepare.prepare_record(values) -> the comparison columns of one record
- engine.LinkageEngine(table).train() / .predict() / .score_pairs() / .explain()
- clustering.cluster(...) with must-link / cannot-link decisions
- pipeline.link_config(config) / link_records(records, ...) -> LinkageResult
- evaluation: pairwise and B-cubed precision, recall, F1 against a known truth
"""
