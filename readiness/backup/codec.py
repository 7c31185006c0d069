"""Column values to JSON and back, chosen by the column's SQLAlchemy type, so that every value
comes back exactly: instants in UTC with their microseconds, dates, Decimals as strings, bytes as
base64, enums as their stored string, JSON columns as JSON. A column type not handled here is
refused at backup time (a new kind of column must be taught here, not silently mangled)."""

from __future__ import annotations

import base64
import enum
import math
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, null
from sqlalchemy import types as sqltypes

Codec = Callable[[Any], Any]


class UnsupportedType(Exception):
    """A column whose type the backup does not know how to store."""


def _utc_iso(value: datetime) -> str:
    # SQLite hands back naive datetimes; the register stores UTC, so naive means UTC.
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


def _aware(text: str) -> datetime:
    value = datetime.fromisoformat(_string(text))
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _naive(text: str) -> datetime:
    return datetime.fromisoformat(_string(text))


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, found {value!r}")
    return value


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, found {value!r}")
    return value


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, found {value!r}")
    return value


def _number_out(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)  # exact, including trailing zeros and the scale
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # "nan", "inf", "-inf": JSON has no such numbers
    return value


def _number_in(as_decimal: bool) -> Codec:
    def decode(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError(f"expected a number, found {value!r}")
        if as_decimal:
            return Decimal(value) if isinstance(value, str | int) else Decimal(repr(value))
        return float(value) if isinstance(value, str) else value

    return decode


def _enum_codecs(column_type: sqltypes.Enum) -> tuple[Codec, Codec]:
    enum_class = column_type.enum_class
    if enum_class is None:
        return _string, _string
    # The stored strings (`enums`) are in the order of the class's members.
    stored = dict(zip(enum_class.__members__.values(), column_type.enums, strict=True))

    def encode(value: Any) -> str:
        return stored[value] if isinstance(value, enum.Enum) else value

    return encode, _string  # the type binds its stored strings as they are


def _identity(value: Any) -> Any:
    return value


def codecs(column: Column) -> tuple[Codec, Codec]:
    """(encode, decode) for the values of `column`; None (NULL) never reaches them."""
    kind = column.type
    if isinstance(kind, sqltypes.Interval):  # a TypeDecorator itself, so before that test
        return (
            lambda value: value // timedelta(microseconds=1),
            lambda number: timedelta(microseconds=_integer(number)),
        )
    if isinstance(kind, sqltypes.TypeDecorator):  # its Python values are the app's own
        raise UnsupportedType(f"{column.table.name}.{column.name}: {type(kind).__name__}")
    if isinstance(kind, sqltypes.Enum):
        return _enum_codecs(kind)
    if isinstance(kind, sqltypes.DateTime):
        if kind.timezone:
            return _utc_iso, _aware
        return datetime.isoformat, _naive
    if isinstance(kind, sqltypes.Date):
        return date.isoformat, lambda text: date.fromisoformat(_string(text))
    if isinstance(kind, sqltypes.Time):
        return time.isoformat, lambda text: time.fromisoformat(_string(text))
    if isinstance(kind, sqltypes.Boolean):
        return _boolean, _boolean
    if isinstance(kind, sqltypes.Numeric | sqltypes.Float):  # Float: not a Numeric since 2.1
        return _number_out, _number_in(bool(kind.asdecimal))
    if isinstance(kind, sqltypes.Integer):
        return _integer, _integer
    if isinstance(kind, sqltypes.JSON):
        return _identity, _identity
    if isinstance(kind, sqltypes._Binary):
        return (
            lambda value: base64.b64encode(bytes(value)).decode("ascii"),
            lambda text: base64.b64decode(_string(text), validate=True),
        )
    if isinstance(kind, sqltypes.Uuid):
        if kind.as_uuid:
            return str, lambda text: uuid.UUID(_string(text))
        return str, _string
    if isinstance(kind, sqltypes.String):  # Text, Unicode, ...
        return _string, _string
    raise UnsupportedType(f"{column.table.name}.{column.name}: {type(kind).__name__}")


class RowCodec:
    """A table's rows (in `columns` order) to JSON lists and back to insert parameters.

    A JSON column's value goes into a one-item list, `[value]`, and SQL NULL is `null`: both
    read back as None otherwise, so the select asks the database which one each is."""

    def __init__(self, columns: list[Column]):
        pairs = [codecs(column) for column in columns]
        self.columns = columns
        self._encoders = [encode for encode, _ in pairs]
        self._decoders = [decode for _, decode in pairs]
        self._json = [isinstance(column.type, sqltypes.JSON) for column in columns]

    def selectables(self) -> list:
        """What to select: the columns, then for each JSON column whether it is SQL NULL."""
        flags = [c.is_(None) for c in self.columns if isinstance(c.type, sqltypes.JSON)]
        return [*self.columns, *flags]

    def encode(self, row: Sequence) -> list:
        flags = iter(row[len(self.columns) :])
        values = []
        for encode, is_json, value in zip(self._encoders, self._json, row, strict=False):
            if is_json:
                values.append(None if next(flags) else [value])
            else:
                values.append(None if value is None else encode(value))
        return values

    def decode(self, values: list) -> dict:
        if not isinstance(values, list) or len(values) != len(self.columns):
            raise ValueError(f"expected a list of {len(self.columns)} values")
        params = {}
        for column, decode, is_json, value in zip(
            self.columns, self._decoders, self._json, values, strict=True
        ):
            try:
                params[column.key] = self._decode(decode, is_json, value)
            except (ValueError, TypeError) as error:
                raise ValueError(f"column {column.name}: {error}") from None
        return params

    @staticmethod
    def _decode(decode: Codec, is_json: bool, value: Any) -> Any:
        if not is_json:
            return None if value is None else decode(value)
        if value is None:
            return null()  # SQL NULL, whatever the column's none_as_null
        if not isinstance(value, list) or len(value) != 1:
            raise ValueError(f"expected a JSON value in a list of one, found {value!r}")
        return sqltypes.JSON.NULL if value[0] is None else value[0]
