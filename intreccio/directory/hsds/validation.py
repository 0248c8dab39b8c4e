"""Validation against the official HSDS 3.0 JSON schemas (offline, Draft 2020-12)."""

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
OBJECT_SCHEMAS = (
    "accessibility",
    "address",
    "attribute",
    "contact",
    "cost_option",
    "funding",
    "language",
    "location",
    "meta_table_description",
    "metadata",
    "organization",
    "organization_identifier",
    "phone",
    "program",
    "required_document",
    "schedule",
    "service",
    "service_area",
    "service_at_location",
    "taxonomy",
    "taxonomy_term",
)


@lru_cache(maxsize=1)
def _registry() -> Registry:
    resources = []
    for name in OBJECT_SCHEMAS:
        contents = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
        resources.append(
            (f"{name}.json", Resource.from_contents(contents, default_specification=DRAFT202012))
        )
    return Registry().with_resources(resources)


@lru_cache(maxsize=32)
def validator(name: str) -> Draft202012Validator:
    """A validator for one HSDS object ("service", "organization"…), with formats checked."""
    if name not in OBJECT_SCHEMAS:
        raise ValueError(f"no HSDS schema called {name!r}")
    schema = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


def errors(name: str, instance) -> list[tuple[str, str]]:
    """[(JSON pointer of the field, message)] for every schema violation of `instance`."""
    found = []
    for error in sorted(validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path)):
        pointer = "/" + "/".join(str(part) for part in error.absolute_path)
        found.append((pointer, error.message))
    return found


def validate(name: str, instance) -> None:
    """Raise AssertionError listing every violation (for tests and the export's self-check)."""
    problems = errors(name, instance)
    if problems:
        raise AssertionError(f"{name} is not valid HSDS 3.0: " + "; ".join(f"{p}: {m}" for p, m in problems))
