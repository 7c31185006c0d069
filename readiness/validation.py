"""Shared marshmallow building blocks: translated messages, trimmed text, phones, dates."""

from __future__ import annotations

from datetime import date

import phonenumbers
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from readiness.timeutil import as_utc, today_in_sweden

REQUIRED = _l("This field is required.")

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


class BaseSchema(Schema):
    class Meta:
        unknown = RAISE

    def handle_error(self, error: ValidationError, data, *, many: bool, **kwargs):
        raise ValidationError(_localize(error.messages))


class Text(fields.String):
    """Trimmed text with a length limit; blank optional text becomes None."""

    def __init__(self, max_length: int, **kwargs):
        kwargs.setdefault("allow_none", not kwargs.get("required", False))
        super().__init__(**kwargs)
        self.max_length = max_length

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text:
            if self.required:
                raise ValidationError(str(REQUIRED))
            return None
        if len(text) > self.max_length:
            raise ValidationError(str(_l("At most %(max)s characters.", max=self.max_length)))
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


class ChoiceList(fields.List):
    """A list of enumeration values; duplicates are dropped, order kept."""

    def __init__(self, choices: tuple[str, ...], **kwargs):
        kwargs.setdefault("load_default", list)
        super().__init__(Choice(choices, allow_none=False), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if value is None:
            return []
        return list(dict.fromkeys(super()._deserialize(value, attr, data, **kwargs)))


def Number(
    *,
    positive: bool = False,
    minimum: float | None = None,  # noqa: N802
    maximum: float | None = None,
    integer: bool = False,
    **kwargs,
):
    if positive:
        rule = validate.Range(min=0, min_inclusive=False, error=_l("Must be more than 0."))
    elif maximum is not None:
        rule = validate.Range(
            min=minimum, max=maximum, error=_l("Must be between {min} and {max}.")
        )
    else:
        rule = validate.Range(min=0, error=_l("Must be 0 or more."))
    field_class = fields.Integer if integer else fields.Float
    return field_class(allow_none=True, validate=rule, **kwargs)


class UtcDateTime(fields.DateTime):
    """Dumps stored timestamps as ISO 8601 with their UTC offset."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(as_utc(value), attr, obj, **kwargs)
