"""The attempts page's progress charts (the score, and the criteria it is made of), laid out
here so the template only draws them. The marks repeated for every attempt are built here
too: a template loop costs a few microseconds per value, which for 30 attempts was most of
the page's time (docs/performance.md)."""

from dataclasses import dataclass

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from sessions_app.engines import CRITERIA
from sessions_app.models import InterviewSession

WIDTH, HEIGHT = 480, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 24, 40  # room for the axis labels
INSET = 28  # the first and last points stand clear of the axes
TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # "#2"
    score: int


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class ScoreChart:
    width: int
    height: int
    left: int
    top: int
    right: float  # x of the plot's right edge
    bottom: float  # y of the x axis
    label_x: int  # x of the tick labels, right-aligned left of the axis
    ticks: list[Tick]
    points: list[Point]

    @property
    def line(self) -> str:
        """The points as an SVG ``points`` attribute."""
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def description(self) -> str:
        """What the chart shows, for a screen reader."""
        return "".join(f"Attempt {p.label}: {p.score}. " for p in self.points)

    @property
    def marks(self) -> SafeString:
        """Each attempt's point, its score above it and its number below the axis."""
        return format_html_join(
            "\n",
            '<circle class="point" cx="{}" cy="{}" r="6"><title>Attempt {}: {}</title></circle>'
            '<text class="value" x="{}" y="{}" dy="-12" text-anchor="middle">{}</text>'
            '<text x="{}" y="{}" dy="22" text-anchor="middle">{}</text>',
            (
                (p.x, p.y, p.label, p.score, p.x, p.y, p.score, p.x, self.bottom, p.label)
                for p in self.points
            ),
        )


def _y_of(value: int) -> float:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / 100), 1)


def _xs(count: int) -> list[float]:
    """Where ``count`` attempts sit: one alone in the middle, more spread edge to edge."""
    plot_width = WIDTH - LEFT - RIGHT - 2 * INSET
    if count == 1:
        return [round(LEFT + INSET + plot_width / 2, 1)]
    step = plot_width / (count - 1) if count > 1 else 0
    return [round(LEFT + INSET + index * step, 1) for index in range(count)]


def _frame(**parts) -> dict:
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "top": TOP,
        "right": WIDTH - RIGHT,
        "bottom": _y_of(0),
        "label_x": LEFT - 8,
        "ticks": [Tick(_y_of(value), value) for value in TICKS],
        **parts,
    }


def score_chart(*, attempts: list[InterviewSession]) -> ScoreChart:
    """Scores 0–100 of the completed attempts, by attempt number, left to right."""
    completed = [attempt for attempt in attempts if attempt.score is not None]
    points = [
        Point(x, _y_of(a.score), f"#{a.retake_number}", a.score)
        for x, a in zip(_xs(len(completed)), completed, strict=True)
    ]
    return ScoreChart(**_frame(points=points))


@dataclass(frozen=True)
class Series:
    name: str  # "Structure"
    key: str  # "structure": its line's style
    points: list[Point]

    @property
    def line(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def marks(self) -> SafeString:
        return format_html_join(
            "",
            '<circle class="point {}" cx="{}" cy="{}" r="5"><title>{}, attempt {}: {}</title>'
            "</circle>",
            ((self.key, p.x, p.y, self.name, p.label, p.score) for p in self.points),
        )


@dataclass(frozen=True)
class CriteriaChart:
    width: int
    height: int
    left: int
    top: int
    right: float
    bottom: float
    label_x: int
    ticks: list[Tick]
    labels: list[Point]  # the attempts along the x axis
    series: list[Series]  # one line per criterion

    @property
    def description(self) -> str:
        return "".join(
            f"{series.name}: "
            + ", ".join(f"attempt {p.label} {p.score}" for p in series.points)
            + ". "
            for series in self.series
        )

    @property
    def axis_labels(self) -> SafeString:
        return format_html_join(
            "",
            '<text x="{}" y="{}" dy="22" text-anchor="middle">{}</text>',
            ((label.x, self.bottom, label.label) for label in self.labels),
        )


def criteria_chart(*, attempts: list[InterviewSession]) -> CriteriaChart:
    """Each criterion's mean (``selectors.session_chain``) across the completed attempts that
    have one, so a candidate sees what improved, not only that the score did."""
    scored = [a for a in attempts if a.score is not None and a.criteria]
    xs = _xs(len(scored))
    series = [
        Series(
            name.capitalize(),
            name,
            [
                Point(x, _y_of(a.criteria[name]), f"#{a.retake_number}", a.criteria[name])
                for x, a in zip(xs, scored, strict=True)
            ],
        )
        for name in CRITERIA
    ]
    labels = [Point(x, _y_of(0), f"#{a.retake_number}", 0) for x, a in zip(xs, scored, strict=True)]
    return CriteriaChart(**_frame(labels=labels, series=series if scored else []))
