"""Read the CSV exports into raw records: canonical field -> text, nothing interpreted yet."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from .config import LinkageConfig, SourceConfig
from .errors import LinkageInputError, translate

csv.field_size_limit(1 << 20)


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One row of one export: its provenance and its values by canonical field."""

    source: str
    record_id: str
    line: int
    values: dict[str, str]


def _decode(source: SourceConfig, data: bytes) -> str:
    try:
        text = data.decode(source.encoding)
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data[: error.start].count(b"\n") + 1
        before = data[line_start : error.start].decode(source.encoding, errors="replace")
        header = data[: data.find(b"\n")].decode(source.encoding, errors="replace").rstrip("\r")
        names = next(csv.reader([header], delimiter=source.delimiter), [])
        position = before.count(source.delimiter)
        column = names[position] if position < len(names) else None
        raise LinkageInputError(
            translate(
                "il byte 0x%(byte)02x non è valido nella codifica «%(encoding)s»; "
                'indica la codifica giusta (encoding = "latin-1" o "cp1252") nella sorgente «%(source)s».'
            )
            % {"byte": data[error.start], "encoding": source.encoding, "source": source.name},
            file=str(source.path),
            line=line,
            column=column,
            code="encoding_invalid",
        ) from error
    return text.removeprefix("\ufeff")


def _mapper(source: SourceConfig, canonical: str) -> Callable[[str], str]:
    mapping = source.values.get(canonical)
    if not mapping:
        return str.strip
    folded = {key.strip().casefold(): value for key, value in mapping.items()}

    def translate_value(value: str) -> str:
        value = value.strip()
        return folded.get(value.casefold(), value)

    return translate_value


def read_source(source: SourceConfig) -> list[RawRecord]:
    """Read one export; raise LinkageInputError on the first problem (file, line, column)."""
    text = _decode(source, source.path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=source.delimiter)
    file = str(source.path)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise LinkageInputError(
            translate("il file è vuoto: serve almeno la riga di intestazione."), file=file, line=1
        ) from None
    positions = {name: index for index, name in enumerate(header)}
    wanted = {"record_id": source.record_id, **source.columns}
    for canonical, column in wanted.items():
        if column not in positions:
            key = "record_id" if canonical == "record_id" else f"columns.{canonical}"
            raise LinkageInputError(
                translate(
                    "la colonna «%(column)s» (%(key)s della sorgente «%(source)s» "
                    "in %(config)s, riga %(line)s) non è nell'intestazione; colonne presenti: %(present)s."
                )
                % {
                    "column": column,
                    "key": key,
                    "source": source.name,
                    "config": source.config_file,
                    "line": source.config_line,
                    "present": ", ".join(header),
                },
                file=file,
                line=1,
                column=column,
                code="column_missing",
            )
    id_position = positions[source.record_id]
    fields = [
        (canonical, positions[column], _mapper(source, canonical))
        for canonical, column in source.columns.items()
    ]
    records: list[RawRecord] = []
    seen: dict[str, int] = {}
    width = len(header)
    for row in reader:
        line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != width:
            raise LinkageInputError(
                translate(
                    "la riga ha %(found)s campi, l'intestazione %(expected)s; "
                    "controlla il separatore «%(delimiter)s» e le virgolette."
                )
                % {"found": len(row), "expected": width, "delimiter": source.delimiter},
                file=file,
                line=line,
                code="row_malformed",
            )
        record_id = row[id_position].strip()
        if not record_id:
            raise LinkageInputError(
                translate("l'identificativo del record è vuoto."),
                file=file,
                line=line,
                column=source.record_id,
                code="record_id_missing",
            )
        if record_id in seen:
            raise LinkageInputError(
                translate(
                    "l'identificativo «%(id)s» è già usato alla riga %(first)s: "
                    "ogni record ha un id unico nella sorgente."
                )
                % {"id": record_id, "first": seen[record_id]},
                file=file,
                line=line,
                column=source.record_id,
                code="record_id_duplicate",
            )
        seen[record_id] = line
        values = {}
        for canonical, position, mapper in fields:
            value = mapper(row[position])
            if value:
                values[canonical] = value
        records.append(RawRecord(source.name, record_id, line, values))
    return records


def read_sources(config: LinkageConfig, progress: Callable[[str], None] | None = None) -> list[RawRecord]:
    """Read every export of the configuration, in order."""
    records: list[RawRecord] = []
    for source in config.sources:
        batch = read_source(source)
        if progress:
            progress(f"{source.name}: {len(batch)} record")
        records.extend(batch)
    return records
