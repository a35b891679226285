"""Inline SVG charts for the run report: plain strings, no JavaScript, no CDN.

Reports are opened offline (a laptop, a CI artifact), so a chart is drawn here once as SVG
elements and needs nothing at view time. Every chart has a <title> for screen readers.
"""

from __future__ import annotations

from html import escape

BAR_COLOUR = "#2f6f8f"
LINE_COLOUR = "#c0572b"
FONT = "font-family='DejaVu Sans, Noto Sans Arabic, Arial, sans-serif' font-size='12'"


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def bar_chart(title: str, items: list[tuple[str, float]], width: int = 640, label_width: int = 220) -> str:
    """Horizontal bars, largest first as given; labels may be Arabic (the browser shapes them)."""
    if not items:
        return f"<p class='empty'>{escape(title)}: nothing yet.</p>"
    row, top = 24, 28
    height = top + row * len(items) + 8
    top_value = max(value for _, value in items) or 1
    span = width - label_width - 70
    parts = [f"<svg class='chart bar-chart' role='img' xmlns='http://www.w3.org/2000/svg' width='{width}' "
             f"height='{height}' viewBox='0 0 {width} {height}' {FONT}>",
             f"<title>{escape(title)}</title>",
             f"<text x='0' y='16' font-size='14' font-weight='bold'>{escape(title)}</text>"]
    for i, (label, value) in enumerate(items):
        y = top + i * row
        bar = max(1.0, span * value / top_value)
        parts.append(
            f"<text x='{label_width - 8}' y='{y + 15}' text-anchor='end'>{escape(label)}</text>"
            f"<rect class='bar' x='{label_width}' y='{y + 3}' width='{bar:.1f}' height='{row - 8}' fill='{BAR_COLOUR}'>"
            f"<title>{escape(label)}: {_num(value)}</title></rect>"
            f"<text x='{label_width + bar + 6:.1f}' y='{y + 15}'>{_num(value)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(title: str, points: list[tuple[str, float]], width: int = 640, height: int = 220) -> str:
    """Values in [0, 1] (shares, pass rates) along the x axis in the given order, drawn as percent."""
    if not points:
        return f"<p class='empty'>{escape(title)}: nothing yet.</p>"
    left, right, top, bottom = 48, 16, 28, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(points) - 1)

    def xy(i: int, value: float) -> tuple[float, float]:
        return left + (i * step if len(points) > 1 else plot_w / 2), top + plot_h * (1 - value)

    parts = [f"<svg class='chart line-chart' role='img' xmlns='http://www.w3.org/2000/svg' width='{width}' "
             f"height='{height}' viewBox='0 0 {width} {height}' {FONT}>",
             f"<title>{escape(title)}</title>",
             f"<text x='0' y='16' font-size='14' font-weight='bold'>{escape(title)}</text>"]
    for tick in (0.0, 0.5, 1.0):
        _, y = xy(0, tick)
        parts.append(f"<line x1='{left}' x2='{width - right}' y1='{y:.1f}' y2='{y:.1f}' stroke='#ddd'/>"
                     f"<text x='{left - 6}' y='{y + 4:.1f}' text-anchor='end'>{tick:.0%}</text>")
    coords = [xy(i, value) for i, (_, value) in enumerate(points)]
    parts.append(f"<polyline class='line' fill='none' stroke='{LINE_COLOUR}' stroke-width='2' "
                 f"points='{' '.join(f'{x:.1f},{y:.1f}' for x, y in coords)}'/>")
    for (label, value), (x, y) in zip(points, coords):
        parts.append(f"<circle class='point' cx='{x:.1f}' cy='{y:.1f}' r='4' fill='{LINE_COLOUR}'>"
                     f"<title>{escape(label)}: {value:.1%}</title></circle>")
    ends = [(points[0][0], coords[0][0], "start"), (points[-1][0], coords[-1][0], "end")]
    if len(points) == 1:
        ends = [(points[0][0], coords[0][0], "middle")]
    for label, x, anchor in ends:  # the first and last run name the x axis
        parts.append(f"<text x='{x:.1f}' y='{height - 12}' text-anchor='{anchor}'>{escape(label)}</text>")
    parts.append("</svg>")
    return "".join(parts)
