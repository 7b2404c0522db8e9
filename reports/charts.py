"""Charts drawn on the server as small inline SVG: no JavaScript, no chart library.

Each function returns safe markup with role="img", an aria-label and a
<title>; the page shows the same numbers in a table as the text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .numbers import format_number


@dataclass(frozen=True)
class Series:
    label: str
    values: list[int | float]
    css_class: str  # colours live in reports/static/reports/dashboard.css
    decimals: int = 0  # as the indicator's Definition says (the tables use the same)


def _nice_max(value: float) -> int:
    """A round axis maximum at or above `value` (1, 2, 5 x 10^n)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def bar_chart(
    *,
    title: str,
    categories: list[str],
    series: list[Series],
    width: int = 480,
    height: int = 220,
) -> SafeString:
    """Grouped vertical bars, one group per category (e.g. month), one bar per series.

    The SVG scales to its container (viewBox, width 100%); text stays legible
    because labels are few (one per category) and drawn at 12 user units.
    """
    left, right, top, bottom = 56, 8, 12, 48  # room for a grouped "100,000" on the axis
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max((v for s in series for v in s.values), default=0))
    decimals = max((item.decimals for item in series), default=0)
    n = max(len(categories), 1)
    group_w = plot_w / n
    bar_w = max(2.0, min(28.0, group_w * 0.8 / max(len(series), 1)))
    parts: list[str] = []
    # Grid lines and y-axis labels at 0, 1/2 and the top.
    for fraction in (0, 0.5, 1):
        y = top + plot_h * (1 - fraction)
        value = peak * fraction
        # The tables' format (format_number); a half step of a peak of 1 shows its decimal.
        label = format_number(value, decimals if value == int(value) else max(decimals, 1))
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{label}</text>'
        )
    label_every = -(-n // 8)  # at most about 8 axis labels, so they never overlap
    for i, category in enumerate(categories):
        x0 = left + group_w * i + (group_w - bar_w * len(series)) / 2
        for j, item in enumerate(series):
            value = item.values[i] if i < len(item.values) else 0
            h = plot_h * (value / peak) if peak else 0
            x = x0 + bar_w * j
            parts.append(
                f'<rect class="{escape(item.css_class)}" x="{x:.1f}" y="{top + plot_h - h:.1f}" '
                f'width="{bar_w - 1:.1f}" height="{h:.1f}"><title>{escape(item.label)}, '
                f"{escape(category)}: {format_number(value, item.decimals)}</title></rect>"
            )
        if i % label_every == 0:
            parts.append(
                f'<text class="axis" x="{left + group_w * (i + 0.5):.1f}" y="{top + plot_h + 18}" '
                f'text-anchor="middle">{escape(category)}</text>'
            )
    # Legend under the axis.
    x = left
    for item in series:
        parts.append(
            f'<rect class="{escape(item.css_class)}" x="{x}" y="{height - 15}" width="13" height="13"/>'
            f'<text class="legend" x="{x + 18}" y="{height - 4}">{escape(item.label)}</text>'
        )
        x += 30 + 8 * len(item.label)
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'preserveAspectRatio="xMidYMid meet"><title>{}</title>{}</svg>',
        width,
        height,
        title,
        title,
        mark_safe("".join(parts)),  # noqa: S308 - every value above is escaped or numeric
    )
