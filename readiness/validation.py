"""Shared marshmallow building blocks: translated messages, trimmed text, phones, dates."""

from __future__ import annotations

import re
from datetime import date

import phonenumbers
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from readiness.errors import Invalid
from readiness.timeutil import as_utc, today_in_sweden

REQUIRED = _l("This field is required.")

# The largest value a PostgreSQL `integer` column (ids, versions, counts) can hold.
DB_INT_MAX = 2**31 - 1

# Control characters (C0, DEL, C1) and lone surrogates: PostgreSQL refuses NUL, UTF-8 cannot
# encode a surrogate, and neither belongs in text a person typed.
_FORBIDDEN_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# What multi-line text may hold besides: line breaks and tabs.
_LINE_BREAKS_AND_TABS = frozenset("\n\r\t")
_ASCII_WHOLE_NUMBER = re.compile("-?[0-9]{1,10}")

# marshmallow's own English messages, mapped to catalogue strings so users read their language.
_LIBRARY_MESSAGES = {
    "Missing data for required field.": REQUIRED,
    "Field may not be null.": REQUIRED,
    "Unknown field.": _l("Unknown field."),
    "Not a valid integer.": _l("Not a whole number."),
    "Not a valid number.": _l("Not a number."),
    "Not a valid string.": _l("Not a text value."),
    "Not a valid boolean.": _l("Not true or false."),
    "Not a valid list.": _l("Not a list."),
    "Not a valid date.": _l("Not a date in the form YYYY-MM-DD."),
    "Not a valid email address.": _l("Not a valid e-mail address."),
    "Invalid input type.": _l("Expected an object."),
    "Invalid value.": _l("Invalid value."),
    "Special numeric values (nan or infinity) are not permitted.": _l("Not a number."),
    "Number too large.": _l("The number is too large."),
}


def _localize(messages):
    if isinstance(messages, dict):
        return {key: _localize(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [_localize(m) for m in messages]
    if isinstance(messages, str):
        return _LIBRARY_MESSAGES.get(messages, messages)
    return messages


def flatten_errors(messages, prefix: str = "") -> dict[str, list[str]]:
    """Turn marshmallow's nested errors into the contract's `{"dotted.path": [messages]}`."""
    if isinstance(messages, dict):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten_errors(value, path))
        return flat
    if isinstance(messages, list | tuple):
        strings = [str(m) for m in messages if not isinstance(m, dict | list)]
        flat = {prefix or "_schema": strings} if strings else {}
        for m in messages:
            if isinstance(m, dict | list):
                flat.update(flatten_errors(m, prefix))
        return flat
    return {prefix or "_schema": [str(messages)]}


def load_input(schema: Schema, raw) -> dict:
    """Validated input of a JSON object or form, or Invalid with the contract's field messages."""
    if not isinstance(raw, dict):
        raise Invalid({"_schema": [str(_l("Expected an object."))]})
    try:
        return schema.load(raw)
    except ValidationError as error:
        raise Invalid(flatten_errors(error.messages)) from None


def read_version(raw: dict) -> int:
    """The `version` an edit was made from (required): a stale one is a conflict, not a save."""
    version = raw.get("version")
    if version is None or version == "":
        raise Invalid({"version": [str(REQUIRED)]})
    number = parse_whole_number(version)
    if number is None:
        raise Invalid({"version": [str(_l("Not a whole number."))]})
    return number


class BaseSchema(Schema):
    class Meta:
        unknown = RAISE

    def handle_error(self, error: ValidationError, data, *, many: bool, **kwargs):
        raise ValidationError(_localize(error.messages))


def forbidden_character(text: str, *, multiline: bool = False) -> str | None:
    """Why `text` cannot be stored (a control character or a lone surrogate), or None."""
    for match in _FORBIDDEN_CHARACTER.finditer(text):
        char = match.group()
        if multiline and char in _LINE_BREAKS_AND_TABS:
            continue
        code = f"U+{ord(char):04X}"
        if "\ud800" <= char <= "\udfff":
            return str(_l("Contains an invalid character (%(code)s, a lone surrogate).", code=code))
        if char in _LINE_BREAKS_AND_TABS:
            return str(_l("Must be a single line, without line breaks or tabs."))
        return str(_l("Contains a control character (%(code)s), which is not allowed.", code=code))
    return None


class Text(fields.String):
    """Trimmed text with a length limit; blank optional text becomes None.

    Control characters and lone surrogates are refused; `multiline` text (free text shown as
    paragraphs) may hold line breaks and tabs."""

    def __init__(self, max_length: int, *, multiline: bool = False, **kwargs):
        kwargs.setdefault("allow_none", not kwargs.get("required", False))
        super().__init__(**kwargs)
        self.max_length = max_length
        self.multiline = multiline

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text:
            if self.required:
                raise ValidationError(str(REQUIRED))
            return None
        if len(text) > self.max_length:
            raise ValidationError(str(_l("At most %(max)s characters.", max=self.max_length)))
        problem = forbidden_character(text, multiline=self.multiline)
        if problem:
            raise ValidationError(problem)
        return text


class EmailAddress(fields.Email):
    """An e-mail address; control characters and lone surrogates refused as in Text (the
    address check alone lets a surrogate through to the database)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_none", True)
        kwargs.setdefault("validate", validate.Length(max=254))
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        problem = forbidden_character(text)
        if problem:
            raise ValidationError(problem)
        return text


class Phone(fields.String):
    """A phone number, validated and stored in E.164 (+46...)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_none", True)
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text:
            return None
        try:
            number = phonenumbers.parse(text, "SE")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValidationError(str(_l("Not a valid phone number, e.g. 070-123 45 67.")))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _not_in_future(value: date | None) -> None:
    if value is not None and value > today_in_sweden():
        raise ValidationError(str(_l("Cannot be in the future.")))


def PastDate(**kwargs) -> fields.Date:  # noqa: N802 - reads like a field class
    """A date of something that has happened (a test, a check, a review)."""
    # Optional dates may be null; a required one (an audit's day) may not.
    kwargs.setdefault("allow_none", not kwargs.get("required", False))
    return fields.Date(validate=_not_in_future, **kwargs)


def OptionalDate(**kwargs) -> fields.Date:  # noqa: N802
    return fields.Date(allow_none=True, **kwargs)


UNKNOWN_CHOICE = _l("Unknown value. Allowed: {choices}.")


def unknown_choice(choices: tuple[str, ...]) -> str:
    """The message for a value outside an enumeration, outside a schema (query args, CLI)."""
    return str(UNKNOWN_CHOICE).format(choices=", ".join(choices))


def Choice(choices: tuple[str, ...], **kwargs) -> fields.String:  # noqa: N802
    kwargs.setdefault("allow_none", not kwargs.get("required", False))
    return fields.String(validate=validate.OneOf(choices, error=UNKNOWN_CHOICE), **kwargs)


class BoundedList(fields.List):
    """A list with at most `max_items` items, counted before any item is validated."""

    def __init__(self, inner, *, max_items: int, too_many=None, **kwargs):
        super().__init__(inner, **kwargs)
        self.max_items = max_items
        self.too_many = too_many or _l("At most %(max)s values.", max=max_items)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, list | tuple) and len(value) > self.max_items:
            raise ValidationError(str(self.too_many))
        return super()._deserialize(value, attr, data, **kwargs)


class ChoiceList(BoundedList):
    """A list of enumeration values; duplicates are dropped, order kept; at most one of each."""

    def __init__(self, choices: tuple[str, ...], **kwargs):
        kwargs.setdefault("load_default", list)
        super().__init__(Choice(choices, allow_none=False), max_items=len(choices), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if value is None:
            return []
        return list(dict.fromkeys(super()._deserialize(value, attr, data, **kwargs)))


class WholeNumber(fields.Integer):
    """An integer that is one: 1.5 and true are refused, never rounded or read as 1."""

    def _validated(self, value) -> int:
        if isinstance(value, float) and not value.is_integer():
            raise self.make_error("invalid", input=value)
        if isinstance(value, str) and not _ASCII_WHOLE_NUMBER.fullmatch(value.strip()):
            # int() would also take "1_000" or other scripts' digits; forms send plain digits.
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


def Number(  # noqa: N802 - reads like a field class
    *,
    maximum: float,
    positive: bool = False,
    minimum: float | None = None,
    integer: bool = False,
    **kwargs,
):
    """A number of at most `maximum` (so every value fits its column and makes sense);
    at least 0 unless `minimum` is given, more than 0 when `positive`."""
    if minimum is not None:
        rules = [
            validate.Range(min=minimum, max=maximum, error=_l("Must be between {min} and {max}."))
        ]
    else:
        lower = (
            validate.Range(min=0, min_inclusive=False, error=_l("Must be more than 0."))
            if positive
            else validate.Range(min=0, error=_l("Must be 0 or more."))
        )
        rules = [lower, validate.Range(max=maximum, error=_l("Must be at most {max}."))]
    # Float refuses NaN, infinities and numbers too large for a float (marshmallow's default).
    field_class = WholeNumber if integer else fields.Float
    return field_class(allow_none=True, validate=rules, **kwargs)


def parse_whole_number(raw: object, *, minimum: int = 0, maximum: int = DB_INT_MAX) -> int | None:
    """A whole number from a query argument or form value (ASCII digits only, within bounds),
    or None: "²" and "١" pass str.isdigit() but are no page number or version."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, str) and _ASCII_WHOLE_NUMBER.fullmatch(raw.strip()):
        number = int(raw)
    else:
        return None
    return number if minimum <= number <= maximum else None


class UtcDateTime(fields.DateTime):
    """Dumps stored timestamps as ISO 8601 with their UTC offset."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(as_utc(value), attr, obj, **kwargs)
