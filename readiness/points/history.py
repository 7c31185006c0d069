"""Change history: a readable diff of two point documents, nested fields included."""

from __future__ import annotations

from readiness.timeutil import as_utc

# Server-owned or derived values that are not edits a person made.
IGNORED_PATHS = {"id", "code", "version", "crisis.since"}


def is_blank(value) -> bool:
    """Nothing recorded: no value, an empty list or empty text (all the same to a reader)."""
    return value is None or value == [] or value == ""


def _is_record_list(value) -> bool:
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def diff_documents(before, after, path: str = "") -> dict[str, list]:
    """Map each changed dotted path (`power.tank_litres`, `contacts.0.phone`) to [old, new]."""
    if path in IGNORED_PATHS:
        return {}
    if isinstance(before, dict) and isinstance(after, dict):
        changes: dict[str, list] = {}
        for key in dict.fromkeys([*before, *after]):
            child = f"{path}.{key}" if path else key
            changes.update(diff_documents(before.get(key), after.get(key), child))
        return changes
    if _is_record_list(before) or _is_record_list(after):
        before, after = before or [], after or []
        changes = {}
        for index in range(max(len(before), len(after))):
            old = before[index] if index < len(before) else None
            new = after[index] if index < len(after) else None
            changes.update(diff_documents(old, new, f"{path}.{index}"))
        return changes
    if before == after or (is_blank(before) and is_blank(after)):
        return {}
    return {path: [before, after]}


def change_json(change) -> dict:
    """One history entry (of a point or an area) as the API shows it."""
    return {
        "at": as_utc(change.at).isoformat(),
        "user": change.user_email,
        "action": change.action,
        "version": change.version,
        "changes": change.changes,
    }
