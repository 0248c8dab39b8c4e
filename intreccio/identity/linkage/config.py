"""Read the TOML file that describes the exports to link (format in docs/linkage.md)."""

import codecs
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LinkageInputError, translate
from .fields import CANONICAL_FIELDS

DEFAULT_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")
SOURCE_KEYS = {
    "name",
    "path",
    "delimiter",
    "encoding",
    "record_id",
    "date_formats",
    "columns",
    "values",
    "unique_persons",
}
TOP_LEVEL_KEYS = {"source", "linkage"}
LINKAGE_KEYS = {"match_threshold", "review_threshold"}


@dataclass(frozen=True)
class SourceConfig:
    """One export: where it is, how to read it, and which column holds which canonical field."""

    name: str
    path: Path
    record_id: str
    columns: dict[str, str]
    delimiter: str = ","
    encoding: str = "utf-8"
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    # The export holds at most one record per person (a population register):
    # two of its records are never put in one cluster by the engine.
    unique_persons: bool = False
    # Where the source is described, for error messages.
    config_file: str = ""
    config_line: int | None = None


@dataclass(frozen=True)
class LinkageConfig:
    sources: tuple[SourceConfig, ...]
    path: Path | None = None
    match_threshold: float | None = None
    review_threshold: float | None = None


class _Locator:
    """Find the line of a key inside the n-th [[source]] table (tomllib keeps no positions)."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.source_starts = [
            number
            for number, line in enumerate(self.lines, start=1)
            if re.match(r"^\s*\[\[\s*source\s*\]\]", line)
        ]

    def line_of(self, index: int | None, key: str | None = None, table: str | None = None) -> int | None:
        if index is None or index >= len(self.source_starts):
            return None
        start = self.source_starts[index]
        end = self.source_starts[index + 1] if index + 1 < len(self.source_starts) else len(self.lines) + 1
        in_table = table is None
        for number in range(start + 1, end):
            line = self.lines[number - 1]
            header = re.match(r"^\s*\[\s*source\.([\w.\"-]+)\s*\]", line)
            if header:
                in_table = table is not None and header.group(1).replace('"', "") == table
                continue
            if key is None and in_table and table is not None:
                return number - 1
            if in_table and key is not None and re.match(rf"^\s*\"?{re.escape(key)}\"?\s*=", line):
                return number
        if table is not None and key is None:
            for number in range(start + 1, end):
                if re.match(rf"^\s*\[\s*source\.{re.escape(table)}\s*\]", self.lines[number - 1]):
                    return number
        return start


def load_config(path: Path | str) -> LinkageConfig:
    """Parse and check the TOML description; raise LinkageInputError naming file, line and key."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise LinkageInputError(
            translate("il file di configurazione non esiste; indica il percorso di un file TOML."),
            file=name,
            code="config_missing",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise LinkageInputError(
            translate("il file di configurazione deve essere in UTF-8."), file=name, line=line
        ) from error
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+), column (\d+)", str(error))
        raise LinkageInputError(
            translate("TOML non valido (%(error)s).") % {"error": error},
            file=name,
            line=int(match.group(1)) if match else None,
            code="config_invalid",
        ) from error
    return parse_config(document, text=text, base_dir=path.parent, config_file=name, path=path)


def parse_config(
    document: dict,
    *,
    text: str = "",
    base_dir: Path = Path("."),
    config_file: str = "<config>",
    path: Path | None = None,
) -> LinkageConfig:
    locator = _Locator(text)

    def fail(message, index=None, key=None, table=None, code="config_invalid"):
        raise LinkageInputError(
            message, file=config_file, line=locator.line_of(index, key, table), column=key, code=code
        )

    for key in document:
        if key not in TOP_LEVEL_KEYS:
            fail(translate("chiave sconosciuta «%(key)s»: usa [[source]] e [linkage].") % {"key": key})
    linkage = document.get("linkage", {})
    for key in linkage:
        if key not in LINKAGE_KEYS:
            fail(translate("chiave sconosciuta «%(key)s» in [linkage].") % {"key": key})
    entries = document.get("source")
    if not isinstance(entries, list) or not entries:
        fail(translate("nessuna sorgente: aggiungi almeno una tabella [[source]]."), code="config_empty")
    sources = []
    names: set[str] = set()
    for index, entry in enumerate(entries):
        for key in entry:
            if key not in SOURCE_KEYS:
                fail(
                    translate("chiave sconosciuta «%(key)s» in [[source]]; chiavi ammesse: %(allowed)s.")
                    % {"key": key, "allowed": ", ".join(sorted(SOURCE_KEYS))},
                    index,
                    key,
                )
        for required in ("name", "path", "record_id"):
            if not isinstance(entry.get(required), str) or not entry[required].strip():
                fail(
                    translate("manca «%(key)s» (testo) in questa sorgente.") % {"key": required},
                    index,
                    code="config_incomplete",
                )
        source_name = entry["name"].strip()
        if source_name in names:
            fail(
                translate("il nome di sorgente «%(name)s» è già usato: ogni sorgente ha un nome unico.")
                % {"name": source_name},
                index,
                "name",
            )
        names.add(source_name)
        source_path = (base_dir / entry["path"]).resolve()
        if not source_path.is_file():
            fail(
                translate(
                    "il file «%(file)s» non esiste (cercato in %(where)s); "
                    "il percorso è relativo al file TOML."
                )
                % {"file": entry["path"], "where": source_path},
                index,
                "path",
                code="source_missing",
            )
        delimiter = entry.get("delimiter", ",")
        if not isinstance(delimiter, str) or len(delimiter) != 1:
            fail(translate("«delimiter» deve essere un solo carattere."), index, "delimiter")
        encoding = entry.get("encoding", "utf-8")
        try:
            codecs.lookup(encoding)
        except (LookupError, TypeError):
            fail(
                translate("codifica «%(encoding)s» sconosciuta; usa ad esempio utf-8, latin-1, cp1252.")
                % {"encoding": encoding},
                index,
                "encoding",
            )
        date_formats = entry.get("date_formats", list(DEFAULT_DATE_FORMATS))
        if not isinstance(date_formats, list) or not all(
            isinstance(f, str) and "%" in f for f in date_formats
        ):
            fail(
                translate('«date_formats» è una lista di formati come "%d/%m/%Y".'),
                index,
                "date_formats",
            )
        columns = entry.get("columns", {})
        if not isinstance(columns, dict):
            fail(translate("[source.columns] deve essere una tabella campo = colonna."), index, "columns")
        for canonical, column in columns.items():
            if canonical == "record_id":
                fail(
                    translate(
                        'record_id si indica nella sorgente (record_id = "colonna"), non in [source.columns].'
                    ),
                    index,
                    canonical,
                    "columns",
                )
            if canonical not in CANONICAL_FIELDS:
                close = difflib.get_close_matches(canonical, CANONICAL_FIELDS, n=1)
                hint = (
                    translate(" Forse intendevi «%(field)s»?") % {"field": close[0]}
                    if close
                    else translate(" Campi ammessi: %(fields)s.") % {"fields": ", ".join(CANONICAL_FIELDS)}
                )
                fail(
                    translate("campo canonico sconosciuto «%(field)s».") % {"field": canonical} + hint,
                    index,
                    canonical,
                    "columns",
                    code="unknown_field",
                )
            if not isinstance(column, str) or not column:
                fail(translate("il nome della colonna deve essere un testo."), index, canonical, "columns")
        if "declared_age" in columns and "declared_age_on" not in columns:
            fail(
                translate(
                    "«declared_age» richiede «declared_age_on» "
                    "(la colonna con la data in cui l'età è stata dichiarata)."
                ),
                index,
                "declared_age",
                "columns",
            )
        if not isinstance(entry.get("unique_persons", False), bool):
            fail(translate("«unique_persons» è true o false."), index, "unique_persons")
        values = entry.get("values", {})
        for canonical, mapping in values.items():
            if canonical not in CANONICAL_FIELDS:
                fail(
                    translate("[source.values.%(field)s]: campo canonico sconosciuto.")
                    % {"field": canonical},
                    index,
                    None,
                    f"values.{canonical}",
                    code="unknown_field",
                )
            if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
                fail(
                    translate('[source.values.%(field)s] traduce codici in valori: "1" = "M".')
                    % {"field": canonical},
                    index,
                    None,
                    f"values.{canonical}",
                )
        sources.append(
            SourceConfig(
                name=source_name,
                path=source_path,
                record_id=entry["record_id"],
                columns=dict(columns),
                delimiter=delimiter,
                encoding=encoding,
                date_formats=tuple(date_formats),
                values={k: {str(a): b for a, b in v.items()} for k, v in values.items()},
                unique_persons=entry.get("unique_persons", False),
                config_file=config_file,
                config_line=locator.line_of(index),
            )
        )
    return LinkageConfig(
        sources=tuple(sources),
        path=path,
        match_threshold=linkage.get("match_threshold"),
        review_threshold=linkage.get("review_threshold"),
    )
