"""Bar charts as inline SVG, made on the server: no script, readable in black and white
(each bar has a pattern and its number written beside it; a table next to it has the same)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

# Fills that differ without colour: solid, hatched, dotted, cross-hatched.
PATTERNS = ("solid", "hatch", "dots", "cross")
_DEFS = (
    '<defs><pattern id="{p}-hatch" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<path d="M0 6 L6 0" stroke="#000" stroke-width="1.2"/></pattern>'
    '<pattern id="{p}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
    '<circle cx="2.5" cy="2.5" r="1.1" fill="#000"/></pattern>'
    '<pattern id="{p}-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<path d="M0 0 L6 6 M6 0 L0 6" stroke="#000" stroke-width="0.8"/></pattern></defs>'
)
ROW = 22
LABEL_WIDTH = 190
BAR_WIDTH = 220
WIDTH = LABEL_WIDTH + BAR_WIDTH + 50


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def _fill(prefix: str, index: int, patterned: bool) -> str:
    pattern = PATTERNS[index % len(PATTERNS)] if patterned else "hatch"
    return "#444" if pattern == "solid" else f"url(#{prefix}-{pattern})"


def bar_chart(bars: list[Bar], title: str, prefix: str, patterned: bool = True) -> Markup:
    """Horizontal bars, one a row: its label, the bar and its number. `prefix` keeps the
    pattern ids of two charts on one page apart."""
    top = max((bar.value for bar in bars), default=0) or 1
    height = ROW * len(bars) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        _DEFS.format(p=prefix),
    ]
    for index, bar in enumerate(bars):
        y = 4 + index * ROW
        length = round(BAR_WIDTH * bar.value / top, 1)
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end" font-size="11">'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{ROW - 6}" '
            f'fill="{_fill(prefix, index, patterned)}" stroke="#000" stroke-width="1"/>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 14}" font-size="11">{bar.value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
