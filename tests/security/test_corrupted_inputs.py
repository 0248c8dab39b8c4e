"""Corrupted configuration files are rejected with a clear error and nothing written.

Hypothesis generates corruptions of the real territory and needs files
(syntax, missing keys, wrong types, unknown or misplaced names, duplicates)
and checks, for each: the loader raises the domain error that names the
problem, and no table changed (fingerprint of every non-volatile table,
and no domain event).
"""

import tomllib
from pathlib import Path

import pytest
import tomli_w
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intreccio.audit.models import DomainEvent
from intreccio.core.exceptions import ApplicationError
from intreccio.directory.actions import DEFAULT_NEEDS, load_needs_taxonomy
from intreccio.territory.actions import load_territory

from .world import state_fingerprint

TERRITORY = Path(django_settings.INTRECCIO_TERRITORY_CONFIG)
EXAMPLES = 40
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COUNTS: dict[str, int] = {"territory": 0, "needs": 0, "fingerprint_changes": 0}


def territory_config() -> dict:
    config = tomllib.loads(TERRITORY.read_text(encoding="utf-8"))
    config["source"]["boundaries"] = str(TERRITORY.parent / config["source"]["boundaries"])
    return config


@st.composite
def corrupted_territory(draw) -> str:
    config = territory_config()
    districts = config["districts"]
    district = districts[draw(st.integers(0, len(districts) - 1))]
    micros = district.get("micro_territories", [])
    kind = draw(
        st.sampled_from(
            [
                "unknown_municipality",
                "duplicate_municipality",
                "lead_outside",
                "micro_kind",
                "micro_outside",
                "missing_key",
                "wrong_type",
                "empty_name",
                "truncated",
                "garbage",
            ]
        )
    )
    if kind == "unknown_municipality":
        district["municipalities"].append(
            draw(st.text(min_size=1, max_size=30).map(lambda t: "Nowhere " + t))
        )
    elif kind == "duplicate_municipality":
        other = districts[(districts.index(district) + 1) % len(districts)]
        other["municipalities"].append(district["municipalities"][0])
    elif kind == "lead_outside":
        district["lead"] = draw(st.text(max_size=20).map(lambda t: "Altrove" + t))
    elif kind == "micro_kind" and micros:
        micros[0]["kind"] = draw(
            st.text(max_size=15).filter(lambda t: t not in ("neighbourhood",)).map(lambda t: "x" + t)
        )
    elif kind == "micro_outside" and micros:
        others = [m for d in districts if d is not district for m in d["municipalities"]]
        micros[0]["municipalities"].append(draw(st.sampled_from(others)))
    elif kind == "missing_key":
        victim = draw(
            st.sampled_from(["districts", "source", "district.municipalities", "district.code", "lead"])
        )
        if victim in ("districts", "source"):
            del config[victim]
        elif victim == "lead":
            del district["lead"]
        else:
            del district[victim.split(".")[1]]
    elif kind == "wrong_type":
        district["municipalities"] = draw(
            st.one_of(st.integers(), st.just("Lecco"), st.none().map(lambda _: 3.5))
        )
    elif kind == "empty_name":
        district["name"] = draw(st.sampled_from(["", "   "]))
    else:
        text = tomli_w.dumps(config)
        if kind == "truncated":
            return text[: draw(st.integers(1, len(text) // 2))] + '\n[[districts]]\ncode = "'
        return draw(st.text(min_size=1, max_size=200).map(lambda t: "[[[" + t))
    if kind in ("micro_kind", "micro_outside") and not micros:
        district["lead"] = "Non un comune"
    return tomli_w.dumps(config)


@st.composite
def corrupted_needs(draw) -> str:
    needs = tomllib.loads(DEFAULT_NEEDS.read_text(encoding="utf-8"))
    entries = needs["needs"]
    entry = entries[draw(st.integers(0, len(entries) - 1))]
    kind = draw(
        st.sampled_from(["category", "duplicate", "missing", "wrong_type", "empty", "truncated", "garbage"])
    )
    if kind == "category":
        entry["sensitive_category"] = draw(st.text(min_size=1, max_size=20).map(lambda t: "zz" + t))
    elif kind == "duplicate":
        entries.append(dict(entry))
    elif kind == "missing":
        del entry[draw(st.sampled_from(["code", "label"]))]
    elif kind == "wrong_type":
        entry["code"] = draw(st.one_of(st.integers(), st.lists(st.integers(), max_size=2)))
    elif kind == "empty":
        entry["label"] = ""
    else:
        text = tomli_w.dumps(needs)
        if kind == "truncated":
            return text[: draw(st.integers(1, len(text) - 1))] + '\n[[needs]]\ncode = "'
        return "needs = " + draw(st.text(max_size=50)).replace("\n", " ") + " ]["
    return tomli_w.dumps(needs)


def _rejected_with_nothing_written(load, path: Path, text: str, name: str) -> None:
    path.write_text(text, encoding="utf-8")
    before, events = state_fingerprint(), DomainEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        load(path)
    assert refused.value.message.strip()
    COUNTS[name] += 1
    changed = state_fingerprint() != before or DomainEvent.objects.count() != events
    COUNTS["fingerprint_changes"] += changed
    assert not changed


def test_corrupted_territory_files_are_rejected_whole(territory, tmp_path):
    @given(text=corrupted_territory())
    @SETTINGS
    def check(text):
        _rejected_with_nothing_written(
            lambda p: load_territory(p, actor=None), tmp_path / "t.toml", text, "territory"
        )

    check()


def test_corrupted_needs_files_are_rejected_whole(territory, tmp_path):
    @given(text=corrupted_needs())
    @SETTINGS
    def check(text):
        _rejected_with_nothing_written(
            lambda p: load_needs_taxonomy(p, actor=None), tmp_path / "n.toml", text, "needs"
        )

    check()


def test_the_valid_files_load_twice_to_the_same_state(territory, security_figures):
    load_territory(TERRITORY, actor=None)
    load_needs_taxonomy(actor=None)
    once = state_fingerprint()
    load_territory(TERRITORY, actor=None)
    load_needs_taxonomy(actor=None)
    assert state_fingerprint() == once
    security_figures.record(
        "corrupted_inputs",
        {
            "territory_examples_rejected": COUNTS["territory"],
            "needs_examples_rejected": COUNTS["needs"],
            "fingerprint_changes": COUNTS["fingerprint_changes"],
            "duplicates_on_reimport": 0,
        },
    )
