"""The process map drawn (ISO 9001 4.4): where each process's box goes and the
arrows between them, as numbers a template turns into SVG. No JavaScript, no
layout library: the bands of the classic "mapa procesów" (management on top,
core processes across the middle, support at the bottom), boxes in rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH = 1000  # the viewBox; the page scales it to its column
MARGIN = 16
COLUMNS = 5
GAP = 16
BOX_W = (WIDTH - 2 * MARGIN - (COLUMNS - 1) * GAP) // COLUMNS  # 184
BOX_H = 60
ROW_GAP = 28
BAND_HEAD = 34  # the band's title above its boxes
BAND_GAP = 24
LINE_CHARS = 24  # of a name, per line of a box; two lines at most
BEND = 24  # how far an arrow bows, so A→B and B→A stay apart


@dataclass(frozen=True)
class Box:
    process: object
    x: int
    y: int
    lines: tuple[str, ...]  # the name, wrapped

    @property
    def cx(self) -> float:
        return self.x + BOX_W / 2

    @property
    def cy(self) -> float:
        return self.y + BOX_H / 2


@dataclass(frozen=True)
class Band:
    kind: str
    label: str
    y: int
    height: int
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class Arrow:
    path: str  # SVG path data


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    bands: tuple[Band, ...]
    arrows: tuple[Arrow, ...]
    box_w: int = BOX_W
    box_h: int = BOX_H


def wrap(name: str, width: int = LINE_CHARS, lines: int = 2) -> tuple[str, ...]:
    """The name in at most `lines` lines of about `width` characters, cut with "…"."""
    out: list[str] = []
    current = ""
    for word in name.split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return tuple(line if len(line) <= width else line[: width - 1] + "…" for line in out)


def _edge(box: Box, dx: float, dy: float) -> tuple[float, float]:
    """Where the line from the box's centre in direction (dx, dy) leaves the box."""
    tx = (BOX_W / 2) / abs(dx) if dx else math.inf
    ty = (BOX_H / 2) / abs(dy) if dy else math.inf
    t = min(tx, ty)
    return box.cx + dx * t, box.cy + dy * t


def arrow(source: Box, target: Box) -> Arrow:
    dx, dy = target.cx - source.cx, target.cy - source.cy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    x1, y1 = _edge(source, ux, uy)
    x2, y2 = _edge(target, -ux, -uy)
    # Bow to the right of the direction of travel.
    mx, my = (x1 + x2) / 2 - uy * BEND, (y1 + y2) / 2 + ux * BEND
    return Arrow(path=f"M{x1:.0f},{y1:.0f} Q{mx:.0f},{my:.0f} {x2:.0f},{y2:.0f}")


def draw(groups: list[tuple[str, str, list]], links: list[tuple[int, int]]) -> Drawing:
    """Lay out `groups` ((kind, label, processes) in band order) and the `links`
    (source pk, target pk) between the processes drawn."""
    bands = []
    boxes: dict[int, Box] = {}
    y = MARGIN
    for kind, label, processes in groups:
        rows = max(1, math.ceil(len(processes) / COLUMNS))
        band_boxes = []
        for i, process in enumerate(processes):
            row, column = divmod(i, COLUMNS)
            box = Box(
                process=process,
                x=MARGIN + column * (BOX_W + GAP),
                y=y + BAND_HEAD + row * (BOX_H + ROW_GAP),
                lines=wrap(process.name),
            )
            boxes[process.pk] = box
            band_boxes.append(box)
        height = BAND_HEAD + rows * BOX_H + (rows - 1) * ROW_GAP + GAP
        bands.append(Band(kind=kind, label=label, y=y, height=height, boxes=tuple(band_boxes)))
        y += height + BAND_GAP
    arrows = tuple(
        arrow(boxes[source], boxes[target])
        for source, target in links
        if source in boxes and target in boxes and source != target
    )
    return Drawing(width=WIDTH, height=y - BAND_GAP + MARGIN, bands=tuple(bands), arrows=arrows)
