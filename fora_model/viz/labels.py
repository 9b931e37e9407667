"""Where a figure's labels go so that none covers another: an estimate of a text's size on screen
and a greedy placer that tries positions around each point, keeping a label clear of every other
label and every marker at each plot width it is asked about.

A figure in the dashboard takes the width of its column and the board pack draws it 1,000 px wide,
so labels are placed in pixels for several widths at once: two boxes count as apart only when one
axis separates them the same way round at every width (positions scale linearly with the width,
so they are then apart at every width between as well).

>>> plot = Plot(400, 300, (0, 4), (0, 4))
>>> plot.pixel(2, 2)
(200.0, 150.0)
>>> offsets = place_labels([(2, 2), (2.1, 2)], [8, 8], ["Magister", "Somtoday"], 11, [plot])
>>> offsets[0] != offsets[1], None in offsets
(True, False)
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["CHAR_WIDTH", "LINE_HEIGHT", "Box", "Plot", "apart", "place_labels", "text_size"]

CHAR_WIDTH = 0.58
"""Average width of a character in ems (generous for Source Sans Pro and Arial)."""

LINE_HEIGHT = 1.3
"""Height of a line of text in ems."""

_TAG = re.compile(r"<[^>]+>")


def text_size(text: str, font_size: float) -> tuple[float, float]:
    """Width and height in pixels of plotly ``text`` (lines split at ``<br>``, tags and entities
    counted as the characters they show) at ``font_size``.

    >>> text_size("ab<br>abcd", 10)
    (23.2, 26.0)
    """
    lines = re.split(r"<br\s*/?>", text) or [""]
    longest = max(len(html.unescape(_TAG.sub("", line))) for line in lines)
    return round(longest * CHAR_WIDTH * font_size, 2), round(len(lines) * LINE_HEIGHT * font_size, 2)


@dataclass(frozen=True)
class Plot:
    """The plot area of a figure in pixels (``width`` × ``height``) and the axis ranges it shows;
    pixel ``y`` grows downwards, as plotly's annotation offsets do."""

    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def pixel(self, x: float, y: float) -> tuple[float, float]:
        """The pixel position of data point ``(x, y)``."""
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (x - x0) / (x1 - x0) * self.width, (y1 - y) / (y1 - y0) * self.height


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in pixels: centre and half sizes."""

    cx: float
    cy: float
    hw: float
    hh: float

    def side(self, other: Box, axis: int) -> int:
        """-1 when this box lies wholly before ``other`` along ``axis`` (0 = x, 1 = y), 1 when wholly
        after, 0 when they overlap along it."""
        a, b = (self.cx, other.cx) if axis == 0 else (self.cy, other.cy)
        reach = (self.hw + other.hw) if axis == 0 else (self.hh + other.hh)
        if a + reach <= b:
            return -1
        if a - reach >= b:
            return 1
        return 0


def apart(first: Sequence[Box], second: Sequence[Box]) -> bool:
    """Whether two things drawn at several widths (one box per width) never overlap: some axis
    separates them the same way round at every width."""
    for axis in (0, 1):
        sides = {a.side(b, axis) for a, b in zip(first, second, strict=True)}
        if len(sides) == 1 and 0 not in sides:
            return True
    return False


def _candidates(radius: float, width: float, height: float) -> list[tuple[float, float]]:
    """Offsets (label centre minus point, pixels) to try, nearest first, in eight directions."""
    out: list[tuple[float, float]] = []
    for gap in (6, 22, 42, 66, 94):
        dx = radius + gap + width / 2
        dy = radius + gap + height / 2
        for ux, uy in ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1)):
            out.append((ux * dx if ux else 0.0, uy * dy if uy else 0.0))
    return out


def place_labels(
    points: Sequence[tuple[float, float]],
    radii: Sequence[float],
    texts: Sequence[str],
    font_size: float,
    plots: Sequence[Plot],
    *,
    obstacles: Sequence[Sequence[Box]] = (),
    wanted: Sequence[bool] | None = None,
    margin: float = 2.0,
) -> list[tuple[float, float] | None]:
    """An offset in pixels (label centre minus its point) for each wanted label, or None where no
    position is clear, trying the labels in the order given.

    ``points`` are data coordinates drawn as markers of pixel ``radii``; every marker and every box
    of ``obstacles`` (one per plot) must stay clear of every label, and each label stays inside the
    plot area, at each of ``plots``.
    """
    wanted = [True] * len(points) if wanted is None else list(wanted)
    markers = [[Box(*plot.pixel(x, y), r + margin, r + margin) for plot in plots]
               for (x, y), r in zip(points, radii, strict=True)]
    taken: list[list[Box]] = [list(o) for o in obstacles]
    out: list[tuple[float, float] | None] = []
    for index, ((x, y), radius, text) in enumerate(zip(points, radii, texts, strict=True)):
        if not wanted[index]:
            out.append(None)
            continue
        w, h = text_size(text, font_size)
        chosen = None
        for dx, dy in _candidates(radius, w, h):
            boxes = []
            for plot in plots:
                px, py = plot.pixel(x, y)
                boxes.append(Box(px + dx, py + dy, w / 2 + margin, h / 2 + margin))
            if any(b.cx - b.hw < 0 or b.cx + b.hw > p.width or b.cy - b.hh < 0 or b.cy + b.hh > p.height
                   for b, p in zip(boxes, plots, strict=True)):
                continue
            if all(apart(boxes, other) for other in taken) and all(
                    apart(boxes, m) for j, m in enumerate(markers) if j != index):
                chosen = (dx, dy)
                taken.append(boxes)
                break
        out.append(chosen)
    return out
