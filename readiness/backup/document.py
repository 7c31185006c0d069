"""The backup file: one gzip-compressed JSON document, written and read as a stream.

    {"format": "trygghetspunktsregistret-backup", "format_version": 1,
     "payload": {"meta": {...},
                 "tables": [{"columns": [...], "name": "point", "rows": [[...], ...]}, ...]},
     "sha256": "<hex>"}

`sha256` is the digest of the payload in its canonical form: compact JSON (`,` and `:` with no
spaces), UTF-8, keys in the order shown (the writer writes exactly that). The reader rebuilds the
canonical form from what it parsed, so a reformatted file verifies too, and checks the digest
when the stream ends: a consumer must read to the end before trusting what it got.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

import ijson

FORMAT_NAME = "trygghetspunktsregistret-backup"
# Bump on any change a version-1 reader would misread; see the README's format policy.
FORMAT_VERSION = 1
_FLUSH_BYTES = 1 << 16


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


# The canonical payload in pieces, shared by the writer and the reader so both hash alike.
def _meta_piece(meta: dict) -> bytes:
    return b'{"meta":' + canonical(meta) + b',"tables":['


def _table_piece(first: bool, name: str, columns: list[str]) -> bytes:
    head = b"" if first else b","
    return head + b'{"columns":' + canonical(columns) + b',"name":' + canonical(name) + b',"rows":['


_TABLE_END = b"]}"
_PAYLOAD_END = b"]}"


class DocumentWriter:
    """Writes the document to a binary file object, row by row; `finish()` ends it."""

    def __init__(self, raw: BinaryIO, meta: dict, *, mtime: int | None = None):
        # No file name in the gzip header: it would be the temporary file's.
        self._gzip = gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=mtime
        )
        self._hash = hashlib.sha256()
        self._buffer: list[bytes] = []
        self._size = 0
        self._first_table = True
        self._first_row = True
        header = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION}
        self._write(canonical(header)[:-1] + b',"payload":')
        self._payload(_meta_piece(meta))

    def _write(self, data: bytes) -> None:
        self._buffer.append(data)
        self._size += len(data)
        if self._size >= _FLUSH_BYTES:
            self._gzip.write(b"".join(self._buffer))
            self._buffer, self._size = [], 0

    def _payload(self, data: bytes) -> None:
        self._hash.update(data)
        self._write(data)

    def begin_table(self, name: str, columns: list[str]) -> None:
        self._payload(_table_piece(self._first_table, name, columns))
        self._first_table, self._first_row = False, True

    def row(self, values: list) -> None:
        self._payload(canonical(values) if self._first_row else b"," + canonical(values))
        self._first_row = False

    def end_table(self) -> None:
        self._payload(_TABLE_END)

    def finish(self) -> str:
        self._payload(_PAYLOAD_END)
        digest = self._hash.hexdigest()
        self._write(b',"sha256":' + canonical(digest) + b"}\n")
        self._gzip.write(b"".join(self._buffer))
        self._gzip.close()  # writes the gzip trailer; `raw` stays open
        return digest


class _Damaged(Exception):
    pass


_SCALARS = frozenset(("string", "integer", "double", "number", "boolean", "null"))


def _events(raw: BinaryIO) -> Iterator[tuple[str, Any]]:
    try:
        with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
            yield from ijson.basic_parse(stream, use_float=True)
    except gzip.BadGzipFile as error:
        raise BackupError(f"The file is not a backup or is damaged ({error}).") from None
    except (EOFError, zlib.error) as error:
        raise BackupError(f"The file is damaged or truncated ({error}).") from None
    except (ijson.JSONError, UnicodeDecodeError) as error:
        raise BackupError(
            f"The file is damaged: its content is not valid JSON ({error})."
        ) from None


def _build(events: Iterator[tuple[str, Any]], event: str, value: Any) -> Any:
    """The JSON value that starts with (event, value), read from `events` (keys keep order)."""
    if event == "start_map":
        built = {}
        for event, value in events:
            if event == "end_map":
                return built
            built[value] = _build(events, *next(events))
        raise _Damaged("the document ends inside an object")
    if event == "start_array":
        items = []
        for event, value in events:
            if event in _SCALARS:  # most of a row: no call for each value
                items.append(value)
            elif event == "end_array":
                return items
            else:
                items.append(_build(events, event, value))
        raise _Damaged("the document ends inside a list")
    if event in ("end_map", "end_array", "map_key"):
        raise _Damaged(f"unexpected {event}")
    return value


class _Cursor:
    def __init__(self, raw: BinaryIO):
        self.events = _events(raw)

    def next(self) -> tuple[str, Any]:
        try:
            return next(self.events)
        except StopIteration:
            raise _Damaged("the document ends too early") from None

    def expect(self, event: str, value: Any = None) -> Any:
        found, found_value = self.next()
        if found != event or (value is not None and found_value != value):
            wanted = f"{event} {value!r}" if value is not None else event
            raise _Damaged(f"expected {wanted}, found {found} {found_value!r}")
        return found_value

    def value(self) -> Any:
        return _build(self.events, *self.next())


def read_document(raw: BinaryIO) -> Iterator[tuple[str, Any]]:
    """Yield ("meta", dict), then per table ("table", (name, columns)) and ("row", list) for each
    row. The format and version are checked first; the checksum once the stream has ended, so
    only a consumer that reached the end without a BackupError may trust what it got."""
    cursor = _Cursor(raw)
    try:
        cursor.expect("start_map")
        cursor.expect("map_key", "format")
        if cursor.value() != FORMAT_NAME:
            raise BackupError("The file is not a backup of Trygghetspunktsregistret.")
        cursor.expect("map_key", "format_version")
        version = cursor.value()
        if version != FORMAT_VERSION:
            raise BackupError(
                f"The file has backup format version {version!r}; this version of the register "
                f"reads format version {FORMAT_VERSION}. Restore it with the version of the "
                "register that made it (see app_version in the file), or a newer one that "
                "reads its format."
            )
        digest = hashlib.sha256()
        cursor.expect("map_key", "payload")
        cursor.expect("start_map")
        cursor.expect("map_key", "meta")
        meta = cursor.value()
        if not isinstance(meta, dict):
            raise _Damaged("meta is not an object")
        digest.update(_meta_piece(meta))
        yield "meta", meta
        cursor.expect("map_key", "tables")
        cursor.expect("start_array")
        first_table = True
        while (event := cursor.next())[0] != "end_array":
            if event[0] != "start_map":
                raise _Damaged("a table is not an object")
            cursor.expect("map_key", "columns")
            columns = cursor.value()
            cursor.expect("map_key", "name")
            name = cursor.value()
            if not isinstance(name, str) or not isinstance(columns, list):
                raise _Damaged("a table's name or columns are malformed")
            digest.update(_table_piece(first_table, name, columns))
            first_table = False
            yield "table", (name, columns)
            cursor.expect("map_key", "rows")
            cursor.expect("start_array")
            first_row = True
            while (event := cursor.next())[0] != "end_array":
                row = _build(cursor.events, *event)
                digest.update(canonical(row) if first_row else b"," + canonical(row))
                first_row = False
                yield "row", row
            digest.update(_TABLE_END)
            cursor.expect("end_map")
        digest.update(_PAYLOAD_END)
        cursor.expect("end_map")
        cursor.expect("map_key", "sha256")
        stated = cursor.value()
        cursor.expect("end_map")
        for event in cursor.events:  # anything after the document is damage too
            raise _Damaged(f"unexpected {event[0]} after the end")
    except (_Damaged, ValueError) as error:  # ValueError: a number JSON cannot hold (1e999)
        raise BackupError(f"The file is not a backup or is damaged: {error}.") from None
    if stated != digest.hexdigest():
        raise BackupError(
            "The file is damaged: its checksum does not match its contents (sha256 stated "
            f"{str(stated)[:16]}…, computed {digest.hexdigest()[:16]}…)."
        )
