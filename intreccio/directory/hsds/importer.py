"""Import an HSDS 3.0 dataset: JSON objects or lists (nested or paginated) or the tabular CSV package.

Reading is separate from writing. `read_dataset(path)` parses every file,
validates every object against the official schemas and flattens nested
objects into tables, collecting *all* problems with their file, line and
field; `load_dataset(tables, actor=…)` then writes everything in one
transaction, matching objects by their HSDS id, so a repeated import
updates rather than duplicates. A dataset with any problem writes nothing.

References to objects that are neither in the dataset nor in the directory
(a parent organisation, a location's organisation) are dropped with a
warning; a service without an organisation is an error, because every
service in Intreccio belongs to one.
"""

import csv
import io
import json
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from . import validation

NAMESPACE = uuid.UUID("8d5f1a52-2b64-4f3e-9b7c-4e7b3c2f1a90")

# File name prefixes → HSDS object (longest first); the tabular package uses plural names.
FILE_KINDS = (
    ("service_at_location", "service_at_location"),
    ("organization_identifier", "organization_identifier"),
    ("meta_table_description", "meta_table_description"),
    ("required_document", "required_document"),
    ("taxonomy_term", "taxonomy_term"),
    ("cost_option", "cost_option"),
    ("service_area", "service_area"),
    ("organization", "organization"),
    ("accessibility", "accessibility"),
    ("taxonomies", "taxonomy"),
    ("taxonomy", "taxonomy"),
    ("attribute", "attribute"),
    ("metadata", "metadata"),
    ("location", "location"),
    ("language", "language"),
    ("schedule", "schedule"),
    ("service", "service"),
    ("program", "program"),
    ("contact", "contact"),
    ("address", "address"),
    ("addresses", "address"),
    ("funding", "funding"),
    ("phone", "phone"),
)

# Nested collections: (property, child kind, the child's reference to its parent).
NESTED = {
    "service": [
        ("phones", "phone", "service_id"),
        ("schedules", "schedule", "service_id"),
        ("service_areas", "service_area", "service_id"),
        ("service_at_locations", "service_at_location", "service_id"),
        ("languages", "language", "service_id"),
        ("funding", "funding", "service_id"),
        ("cost_options", "cost_option", "service_id"),
        ("required_documents", "required_document", "service_id"),
        ("contacts", "contact", "service_id"),
    ],
    "organization": [
        ("funding", "funding", "organization_id"),
        ("contacts", "contact", "organization_id"),
        ("phones", "phone", "organization_id"),
        ("locations", "location", "organization_id"),
        ("programs", "program", "organization_id"),
        ("organization_identifiers", "organization_identifier", "organization_id"),
        ("services", "service", "organization_id"),
    ],
    "location": [
        ("languages", "language", "location_id"),
        ("addresses", "address", "location_id"),
        ("contacts", "contact", "location_id"),
        ("accessibility", "accessibility", "location_id"),
        ("phones", "phone", "location_id"),
        ("schedules", "schedule", "location_id"),
    ],
    "service_at_location": [
        ("contacts", "contact", "service_at_location_id"),
        ("phones", "phone", "service_at_location_id"),
        ("schedules", "schedule", "service_at_location_id"),
    ],
    "contact": [("phones", "phone", "contact_id")],
    "phone": [("languages", "language", "phone_id")],
}
# Nested single objects: (property, kind, how the parent refers to it).
NESTED_ONE = {
    "service": [("organization", "organization", "organization_id"), ("program", "program", "program_id")],
    "service_at_location": [("location", "location", "location_id"), ("service", "service", "service_id")],
    "taxonomy_term": [("taxonomy_detail", "taxonomy", "taxonomy_id")],
    "attribute": [("taxonomy_term", "taxonomy_term", "taxonomy_term_id")],
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, riga {self.line}" if self.line else self.file
        return f"{where}, campo {self.field or '/'}: {self.message}"


@dataclass
class Dataset:
    tables: dict[str, dict[str, dict]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: int = 0

    def add(self, kind: str, row: dict) -> None:
        table = self.tables.setdefault(kind, {})
        current = table.get(row["id"])
        table[row["id"]] = {**current, **row} if current else row


def hsds_uuid(value) -> uuid.UUID:
    """The UUID for an HSDS id (ids that are not UUIDs map to a stable uuid5)."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return uuid.uuid5(NAMESPACE, str(value))


# --- line numbers for JSON pointers ---------------------------------------------------------------

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+|\s+', re.DOTALL)


def json_lines(text: str) -> dict[str, int]:
    """Map each JSON pointer ("/contents/0/name") to the line where its value starts."""
    lines: dict[str, int] = {}
    stack: list[list] = []  # [container kind, key or index]
    line = 1
    expecting_key = False
    for match in _TOKEN.finditer(text):
        piece = match.group(0)
        if piece.isspace():
            line += piece.count("\n")
            continue
        if piece in "{[":
            path = "/" + "/".join(str(frame[1]) for frame in stack if frame[1] is not None)
            lines.setdefault(path if stack else "/", line)
            stack.append(["object" if piece == "{" else "array", None if piece == "{" else 0])
            expecting_key = piece == "{"
        elif piece in "}]":
            stack.pop()
            expecting_key = False
        elif piece == ":":
            expecting_key = False
        elif piece == ",":
            if stack and stack[-1][0] == "array":
                stack[-1][1] += 1
            else:
                expecting_key = True
        elif expecting_key and stack and stack[-1][0] == "object":
            stack[-1][1] = json.loads(piece)
            lines["/" + "/".join(str(frame[1]) for frame in stack)] = line
        else:
            path = "/" + "/".join(str(frame[1]) for frame in stack if frame[1] is not None)
            lines.setdefault(path, line)
        line += piece.count("\n")
    return lines


def _line_for(lines: dict[str, int], pointer: str) -> int | None:
    while pointer:
        if pointer in lines:
            return lines[pointer]
        pointer = pointer.rsplit("/", 1)[0]
    return lines.get("/")


# --- reading ----------------------------------------------------------------------------------------


def _kind_for_name(name: str) -> str | None:
    stem = name.lower().removesuffix(".json").removesuffix(".csv")
    for prefix, kind in FILE_KINDS:
        if stem.startswith(prefix):
            return kind
    return None


def _kind_for_object(data: dict) -> str | None:
    if "location_type" in data:
        return "location"
    if "status" in data and "name" in data:
        return "service"
    if "service" in data or ("location" in data and isinstance(data["location"], dict)):
        return "service_at_location"
    if "taxonomy_detail" in data or "taxonomy_id" in data or "parent_id" in data:
        return "taxonomy_term"
    return None


class _Reader:
    def __init__(
        self, dataset: Dataset, file: str, lines: dict[str, int] | None = None, line: int | None = None
    ):
        self.dataset, self.file, self.lines, self.line = dataset, file, lines or {}, line

    def problem(self, pointer: str, message: str) -> None:
        line = self.line if self.line is not None else _line_for(self.lines, pointer)
        self.dataset.problems.append(Problem(self.file, line, pointer, message))

    def validate(self, kind: str, data: dict, pointer: str) -> bool:
        found = validation.errors(kind, data)
        for field_pointer, message in found:
            self.problem(pointer + (field_pointer if field_pointer != "/" else ""), message)
        return not found

    def object(self, kind: str, data, pointer: str, parent=None, *, check: bool = True) -> str | None:
        """Validate (at the top) and flatten one object and what it nests; return its id."""
        if not isinstance(data, dict):
            self.problem(pointer, f"expected an HSDS {kind} object, found {type(data).__name__}")
            return None
        if check and not self.validate(kind, data, pointer):
            return None
        row = {key: value for key, value in data.items() if not isinstance(value, list | dict)}
        if parent is not None:
            row.setdefault(parent[0], parent[1])
        for prop, child_kind, reference in NESTED_ONE.get(kind, ()):
            if isinstance(data.get(prop), dict):
                child_id = self.object(child_kind, data[prop], f"{pointer}/{prop}", check=False)
                if child_id:
                    row.setdefault(reference, child_id)
        for prop, child_kind, reference in NESTED.get(kind, ()):
            for index, child in enumerate(data.get(prop) or ()):
                self.object(
                    child_kind, child, f"{pointer}/{prop}/{index}", (reference, data["id"]), check=False
                )
        if kind == "service_at_location" and isinstance(data.get("service"), dict):
            row.setdefault("service_id", data["service"]["id"])
        for index, attribute in enumerate(data.get("attributes") or ()):
            if isinstance(attribute, dict):
                attribute = {"link_id": data["id"], **attribute}
                if attribute.get("link_entity") in (None, "", "link_entity"):
                    attribute["link_entity"] = kind
            self.object("attribute", attribute, f"{pointer}/attributes/{index}", check=False)
        for index, record in enumerate(data.get("metadata") or ()):
            if isinstance(record, dict):
                record = {"resource_id": data["id"], "resource_type": kind, **record}
            self.object("metadata", record, f"{pointer}/metadata/{index}", check=False)
        for key, value in data.items():
            if key.startswith("intreccio_"):
                row[key] = value
        self.dataset.add(kind, row)
        return data["id"]


def _read_json(dataset: Dataset, name: str, text: str) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        dataset.problems.append(Problem(name, error.lineno, "/", f"JSON non valido: {error.msg}"))
        return
    lines = json_lines(text)
    reader = _Reader(dataset, name, lines)
    if isinstance(data, dict) and all(key.endswith(".csv") for key in data) and data:
        for table, rows in data.items():
            _read_rows(dataset, f"{name}#{table}", _kind_for_name(table), rows, first_line=None)
        return
    if isinstance(data, dict) and {"version", "openapi_url"} & set(data) and "id" not in data:
        dataset.warnings.append(f"{name}: informazioni sull'API, nessun dato da importare")
        return
    if isinstance(data, dict) and "contents" in data:
        items, pointer = data["contents"], "/contents"
    elif isinstance(data, list):
        items, pointer = data, ""
    else:
        items, pointer = [data], None
    kind = _kind_for_name(name)
    if not isinstance(items, list):
        reader.problem(pointer or "/", "«contents» deve essere un elenco")
        return
    for index, item in enumerate(items):
        item_pointer = f"{pointer}/{index}" if pointer is not None else ""
        item_kind = kind or (_kind_for_object(item) if isinstance(item, dict) else None)
        if item_kind is None:
            reader.problem(
                item_pointer or "/", "tipo di oggetto HSDS non riconoscibile dal nome del file né dai campi"
            )
            continue
        if item_kind == "meta_table_description":
            dataset.warnings.append(f"{name}: descrizione della tabella ignorata (non serve alla mappa)")
            continue
        reader.object(item_kind, item, item_pointer)


def _schema_types(kind: str) -> dict[str, str]:
    properties = validation.validator(kind).schema["properties"]
    return {name: spec.get("type") for name, spec in properties.items() if "type" in spec}


def _typed_row(kind: str, row: dict) -> dict:
    """Tabular cells are text: give numbers their schema type, keep text as text, drop empty cells."""
    types = _schema_types(kind)
    typed = {}
    for key, value in row.items():
        if key is None or value is None or value == "":
            continue
        if types.get(key) == "string" and isinstance(value, int | float):
            value = str(value)
        elif types.get(key) == "number" and isinstance(value, str):
            try:
                number = Decimal(value)
                value = int(number) if number == number.to_integral_value() else float(number)
            except InvalidOperation:
                pass  # the schema check reports it with its line
        typed[key] = value
    return typed


def _read_rows(dataset: Dataset, name: str, kind: str | None, rows, first_line: int | None = 2) -> None:
    if kind is None:
        dataset.problems.append(Problem(name, None, "/", "tabella HSDS sconosciuta"))
        return
    for index, raw in enumerate(rows):
        line = first_line + index if first_line is not None else None
        row = _typed_row(kind, raw)
        if kind == "meta_table_description":
            continue
        reader = _Reader(dataset, name, line=line)
        reader.object(kind, row, f"/{index}" if line is None else "")


def _read_csv(dataset: Dataset, name: str, text: str) -> None:
    kind = _kind_for_name(name)
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    lines = []
    for row in reader:
        rows.append(row)
        lines.append(reader.line_num)
    if kind == "meta_table_description":
        dataset.warnings.append(f"{name}: descrizione delle tabelle ignorata")
        return
    if kind is None:
        dataset.problems.append(Problem(name, None, "/", "tabella HSDS sconosciuta"))
        return
    for row, line in zip(rows, lines, strict=True):
        _Reader(dataset, name, line=line).object(kind, _typed_row(kind, row), "")


def read_dataset(path: Path) -> Dataset:
    """Parse and validate every HSDS file under `path` (a file or a folder); write nothing."""
    dataset = Dataset()
    path = Path(path)
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.suffix in {".json", ".csv"} and p.name != "datapackage.json"
        )
    elif path.exists():
        files = [path]
    else:
        dataset.problems.append(Problem(str(path), None, "/", "file o cartella inesistente"))
        return dataset
    if not files:
        dataset.problems.append(Problem(str(path), None, "/", "nessun file .json o .csv da importare"))
    for file in files:
        dataset.files += 1
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            dataset.problems.append(Problem(file.name, None, "/", f"il file non è in UTF-8 ({error.reason})"))
            continue
        if file.suffix == ".csv":
            _read_csv(dataset, file.name, text)
        else:
            _read_json(dataset, file.name, text)
    return dataset
