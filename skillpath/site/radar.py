"""A radar chart as numbers a template draws: one spoke per axis, a ring per quarter.

Pure geometry, no SVG text here: the ``radar.svg`` template writes it, escaped, both
inside the site's pages and as ``progress --format svg``. Coordinates are rounded so that
the same axes always give the same bytes.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from skillpath.values import frozen

WIDTH, HEIGHT = 760, 620
CENTER_X, CENTER_Y = WIDTH / 2, HEIGHT / 2 - 10
RADIUS = 190
LABEL_GAP = 16
LINE_HEIGHT = 15
LABEL_WIDTH = 22  # characters per line of a spoke's label


@frozen
class Axis:
    """One spoke: its label, its value from 0 to 1, and whether the skill is required."""

    label: str
    value: float
    required: bool


@frozen
class Spoke:
    axis: Axis
    end: tuple[float, float]  # where the spoke meets the outer ring
    point: tuple[float, float]  # where the value lies on it
    label: tuple[float, float]  # where the label's first line starts
    anchor: str  # "start", "middle" or "end"
    lines: tuple[str, ...]


@frozen
class Radar:
    title: str
    description: str
    spokes: tuple[Spoke, ...]
    rings: tuple[str, ...]  # polygon points of the rings at 25, 50, 75 and 100 percent
    shape: str  # polygon points of the values
    width: int = WIDTH
    height: int = HEIGHT
    center: tuple[float, float] = (CENTER_X, CENTER_Y)


def at(angle: float, distance: float) -> tuple[float, float]:
    return (
        round(CENTER_X + distance * math.cos(angle), 1),
        round(CENTER_Y + distance * math.sin(angle), 1),
    )


def angles(count: int) -> list[float]:
    """The spokes' directions, the first straight up, clockwise."""
    return [-math.pi / 2 + 2 * math.pi * i / count for i in range(count)]


def points(pairs: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in pairs)


def spoke(axis: Axis, angle: float) -> Spoke:
    value = min(max(axis.value, 0.0), 1.0)
    dx, dy = math.cos(angle), math.sin(angle)
    anchor = "start" if dx > 0.05 else "end" if dx < -0.05 else "middle"
    # Labels near the top and the bottom sit further out and, when centred, narrower, so
    # that they clear their neighbours' labels.
    x, y = at(angle, RADIUS + LABEL_GAP + 18 * (1 - abs(dx)))
    width = LABEL_WIDTH if anchor != "middle" else LABEL_WIDTH * 2 // 3
    lines = tuple(textwrap.wrap(axis.label, width, break_on_hyphens=False, break_long_words=False))
    # Labels above the centre grow upwards, so that they never cross the chart.
    if dy < -0.2:
        y -= LINE_HEIGHT * (len(lines) - 1)
    elif abs(dy) <= 0.2:
        y -= LINE_HEIGHT * (len(lines) - 1) / 2
    else:
        y += LINE_HEIGHT * 0.6
    return Spoke(
        axis, at(angle, RADIUS), at(angle, RADIUS * value), (x, round(y, 1)), anchor, lines
    )


def radar(title: str, description: str, axes: Sequence[Axis]) -> Radar:
    directions = angles(len(axes))
    spokes = tuple(spoke(axis, angle) for axis, angle in zip(axes, directions, strict=True))
    rings = tuple(
        points([at(angle, RADIUS * share) for angle in directions])
        for share in (0.25, 0.5, 0.75, 1.0)
    )
    return Radar(title, description, spokes, rings, points([s.point for s in spokes]))
