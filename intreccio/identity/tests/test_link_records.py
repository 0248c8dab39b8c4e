"""The link_records command: its contract, its errors, decisions that every run respects.

No test here is marked django_db: pytest-django refuses any database access, so
these tests also prove the command runs without a database.
"""

import csv
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from intreccio.identity.linkage import config, pipeline, reading
from intreccio.identity.linkage.errors import LinkageInputError
from intreccio.identity.linkage.model import DEFAULT_MODEL
from intreccio.identity.linkage.pipeline import Decision

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "district"

# The truth of the fixture: who is who (checked by hand, see each source's rows).
EXPECTED_PERSONS = [
    {("anagrafe", "A1"), ("ascolto", "S1"), ("dormitorio", "D1")},  # Mario Rossi 1980, omocodia CF, age only
    {("anagrafe", "A2")},  # another Mario Rossi, born 1962
    {("anagrafe", "A3"), ("ascolto", "S2")},  # Fatima El Amrani / "AMRANI FATMA"
    {("anagrafe", "A4"), ("ascolto", "S4"), ("dormitorio", "D4")},  # Giuseppe/"Peppe" Bianchi, swapped fields
    {("anagrafe", "A5"), ("ascolto", "S5")},  # Luca Colombo, a twin
    {("anagrafe", "A6")},  # Marco Colombo, his twin: same birth date, address and CF date part
    {("anagrafe", "A7"), ("ascolto", "S7")},  # Nicolò Fumagalli (latin-1 export)
    {("ascolto", "S3"), ("dormitorio", "D2"), ("dormitorio", "D3")},  # Shevchenko: Cyrillic, Italian, English
    {("ascolto", "S6")},  # Chen Wei, seen once
]


@pytest.fixture
def district(tmp_path) -> Path:
    """A writable copy of the fixture exports."""
    target = tmp_path / "district"
    shutil.copytree(FIXTURE, target)
    return target


def run(config_path: Path, output: Path, **options) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("link_records", config=config_path, output=output, stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def clusters(rows: list[dict]) -> list[set]:
    groups: dict[str, set] = {}
    for row in rows:
        groups.setdefault(row["cluster_id"], set()).add((row["source"], row["record_id"]))
    return sorted(groups.values(), key=lambda group: sorted(group))


def test_links_the_fixture_district_exactly(district, tmp_path):
    output, pairs = tmp_path / "clusters.csv", tmp_path / "pairs.csv"

    stdout, stderr = run(district / "sources.toml", output, pairs=pairs)

    rows = read_rows(output)
    assert list(rows[0]) == ["source", "record_id", "cluster_id"]
    # One row per input record, in input order, singletons included.
    assert [(row["source"], row["record_id"]) for row in rows] == [
        *[("anagrafe", f"A{n}") for n in range(1, 8)],
        *[("ascolto", f"S{n}") for n in range(1, 8)],
        *[("dormitorio", f"D{n}") for n in range(1, 5)],
    ]
    assert clusters(rows) == sorted(EXPECTED_PERSONS, key=lambda group: sorted(group))
    assert "18 record -> 9 persone" in stdout
    assert "gruppo più grande: 3 record" in stdout
    # Progress on the terminal (stderr), one line per stage.
    assert "preparazione di 18 record" in stderr
    assert "troppo pochi per stimare un modello" in stderr
    assert "raggruppamento" in stderr


def test_pairs_file_lists_scored_pairs_with_both_records(district, tmp_path):
    output, pairs = tmp_path / "clusters.csv", tmp_path / "pairs.csv"

    run(district / "sources.toml", output, pairs=pairs)

    rows = read_rows(pairs)
    assert list(rows[0]) == ["source_a", "record_id_a", "source_b", "record_id_b", "match_probability"]
    found = {
        (r["source_a"], r["record_id_a"], r["source_b"], r["record_id_b"]): float(r["match_probability"])
        for r in rows
    }
    # The omocodia variant of Mario Rossi's code links at once...
    assert found[("anagrafe", "A1", "ascolto", "S1")] >= 0.99
    # ...the twins are scored as probably the same (same date, address, place)
    # but kept apart by their two valid codici fiscali.
    assert found[("anagrafe", "A5", "anagrafe", "A6")] >= 0.9
    assert all(0.5 <= probability <= 1 for probability in found.values())
    # The other Mario Rossi (born 1962) is not even a candidate.
    assert not [pair for pair in found if ("anagrafe", "A2") in (pair[:2], pair[2:])]


def test_saved_model_is_reused_and_gives_the_same_clusters(district, tmp_path):
    first, second, saved = tmp_path / "first.csv", tmp_path / "second.csv", tmp_path / "model.json"

    run(district / "sources.toml", first, save_model=saved)
    run(district / "sources.toml", second, model=saved)

    assert json.loads(saved.read_text())["format"] == "intreccio-linkage-model/1"
    assert read_rows(first) == read_rows(second)


def _replace(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def _fails(district: Path, tmp_path: Path) -> str:
    """Run the command expecting an error; check nothing was written or replaced."""
    output = tmp_path / "clusters.csv"
    output.write_text("previous run\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(district / "sources.toml", output, pairs=tmp_path / "pairs.csv")
    assert output.read_text(encoding="utf-8") == "previous run\n"
    assert not (tmp_path / "pairs.csv").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    return str(error.value)


def test_missing_export_names_the_toml_line_and_key(district, tmp_path):
    _replace(district / "sources.toml", 'path = "ascolto.csv"', 'path = "ascolto_2024.csv"')

    message = _fails(district, tmp_path)

    assert message.startswith(f"{district / 'sources.toml'}, riga 20, colonna «path»: ")
    assert "il file «ascolto_2024.csv» non esiste" in message


def test_missing_configuration_file(tmp_path):
    with pytest.raises(CommandError) as error:
        run(tmp_path / "nowhere.toml", tmp_path / "clusters.csv")
    assert str(error.value) == (
        f"{tmp_path / 'nowhere.toml'}: il file di configurazione non esiste; "
        "indica il percorso di un file TOML."
    )
    assert not (tmp_path / "clusters.csv").exists()


def test_unknown_canonical_field_names_line_and_suggests(district, tmp_path):
    _replace(district / "sources.toml", 'last_name = "cognome"', 'lastname = "cognome"')

    message = _fails(district, tmp_path)

    assert message == (
        f"{district / 'sources.toml'}, riga 9, colonna «lastname»: "
        "campo canonico sconosciuto «lastname». Forse intendevi «last_name»?"
    )


def test_unmapped_record_id_names_the_export_header(district, tmp_path):
    _replace(district / "sources.toml", 'record_id = "stay_no"', 'record_id = "stay"')

    message = _fails(district, tmp_path)

    assert message.startswith(
        f"{district / 'dormitorio.csv'}, riga 1, colonna «stay»: la colonna «stay» (record_id"
    )
    assert "colonne presenti: stay_no, surname, name, sex, age, entry_date, nationality" in message


def test_undecodable_encoding_names_line_and_column(district, tmp_path):
    _replace(district / "sources.toml", 'encoding = "latin-1"\n', "")  # utf-8 by default

    message = _fails(district, tmp_path)

    # "Nicolò" is byte 0xf2 in latin-1, on the 8th line of the export.
    assert message.startswith(f"{district / 'ascolto.csv'}, riga 8, colonna «nominativo»: il byte 0xf2 ")
    assert 'encoding = "latin-1"' in message


def test_duplicate_record_ids_name_both_lines(district, tmp_path):
    with (district / "dormitorio.csv").open("a", encoding="utf-8") as handle:
        handle.write("D2,SHEVCHENKO,OLEKSANDR,U,55,01/10/2024,Ucraina\n")

    message = _fails(district, tmp_path)

    assert message == (
        f"{district / 'dormitorio.csv'}, riga 6, colonna «stay_no»: "
        "l'identificativo «D2» è già usato alla riga 3: ogni record ha un id unico nella sorgente."
    )


def test_row_with_wrong_number_of_fields(district, tmp_path):
    with (district / "anagrafe.csv").open("a", encoding="utf-8") as handle:
        handle.write("A8;VERDI;ANNA\n")

    message = _fails(district, tmp_path)

    assert message.startswith(f"{district / 'anagrafe.csv'}, riga 9: la riga ha 3 campi, l'intestazione 9")


def test_output_folder_must_exist(district, tmp_path):
    with pytest.raises(CommandError, match=r"la cartella .* non esiste"):
        run(district / "sources.toml", tmp_path / "missing" / "clusters.csv")


def _fixture_records():
    linkage_config = config.load_config(FIXTURE / "sources.toml")
    return reading.read_sources(linkage_config), {s.name: s.date_formats for s in linkage_config.sources}


def _link_fixture(decisions=()):
    """The fixture linked with the bundled model; record -> cluster id."""
    records, formats = _fixture_records()
    model = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    result = pipeline.link_records(records, formats, model_settings=model, decisions=decisions)
    return dict(zip(result.keys, result.cluster_ids, strict=True))


def test_review_decisions_are_respected_by_every_run():
    decisions = [
        # A reviewer said the shelter's Mario Rossi is not the registry's one...
        Decision("anagrafe", "A1", "dormitorio", "D1", same_person=False),
        # ...and (against the model) that a shelter stay and a listening-centre record are one person.
        Decision("dormitorio", "D3", "ascolto", "S6", same_person=True),
    ]

    for _ in range(2):  # a full re-run gives the same answer
        cluster_of = _link_fixture(decisions)

        assert cluster_of[("dormitorio", "D1")] != cluster_of[("anagrafe", "A1")]
        assert cluster_of[("ascolto", "S1")] == cluster_of[("anagrafe", "A1")]
        assert cluster_of[("ascolto", "S6")] == cluster_of[("dormitorio", "D3")]
        # The forced pair does not drag the other Shevchenko records in: on average
        # they do not look like "Chen Wei", so that merge is not coherent.
        assert (
            cluster_of[("dormitorio", "D2")] == cluster_of[("ascolto", "S3")] != cluster_of[("ascolto", "S6")]
        )

    without = _link_fixture()
    assert without[("dormitorio", "D1")] == without[("anagrafe", "A1")]
    assert without[("ascolto", "S6")] != without[("dormitorio", "D3")]


def test_conflicting_decisions_are_refused():
    decisions = [
        Decision("anagrafe", "A1", "ascolto", "S1", same_person=True),
        Decision("ascolto", "S1", "anagrafe", "A1", same_person=False),
    ]
    with pytest.raises(LinkageInputError, match="decisioni in conflitto"):
        _link_fixture(decisions)


def test_explains_a_pair_per_comparison():
    from intreccio.identity.linkage.engine import LinkageEngine, settings_for
    from intreccio.identity.linkage.prepare import prepare_records

    records, formats = _fixture_records()
    table = prepare_records(records, formats)
    model = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    engine = LinkageEngine(table, settings=settings_for(model, len(records), term_frequencies=False))
    rows = {
        (record.source, record.record_id): row for record, row in zip(records, table.to_pylist(), strict=True)
    }

    explanation = engine.explain(rows[("anagrafe", "A1")], rows[("ascolto", "S1")])

    levels = {c["comparison"]: c["level"] for c in explanation.contributions}
    assert levels["tax_code"] == "Same codice fiscale"  # omocodia folded
    assert levels["name"] == "Same names (any order)"
    assert levels["birth_date"] == "Same date of birth"
    assert levels["phone"] == "Exact match on phone"
    # The listening centre records no sex: it is decoded from the code.
    assert levels["sex"] == "Exact match on sex"
    assert levels["address"] == "Same address"  # "V. Roma 12" and "Via Roma 12"
    assert levels["document"] == "null"
    assert explanation.match_probability > 0.99
    total = explanation.prior_weight + sum(c["weight"] for c in explanation.contributions)
    assert total == pytest.approx(explanation.match_weight, abs=0.01)


def test_unique_persons_is_a_boolean(district, tmp_path):
    _replace(district / "sources.toml", 'record_id = "id"', 'record_id = "id"\nunique_persons = "yes"')

    message = _fails(district, tmp_path)

    assert (
        message
        == f"{district / 'sources.toml'}, riga 7, colonna «unique_persons»: «unique_persons» è true o false."
    )
