"""The attempts page's progress chart, laid out here so the template only draws it."""

from dataclasses import dataclass

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


def score_chart(*, attempts: list[InterviewSession]) -> ScoreChart:
    """Scores 0–100 of the completed attempts, by attempt number, left to right."""
    completed = [attempt for attempt in attempts if attempt.score is not None]
    plot_width = WIDTH - LEFT - RIGHT - 2 * INSET
    plot_height = HEIGHT - TOP - BOTTOM

    def y_of(value: int) -> float:
        return round(TOP + plot_height * (1 - value / 100), 1)

    # One point alone sits in the middle; more spread evenly from edge to edge.
    step = plot_width / (len(completed) - 1) if len(completed) > 1 else 0
    start = LEFT + INSET if len(completed) > 1 else LEFT + INSET + plot_width / 2
    points = [
        Point(
            round(start + index * step, 1), round(y_of(a.score), 1), f"#{a.retake_number}", a.score
        )
        for index, a in enumerate(completed)
    ]
    return ScoreChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        top=TOP,
        right=WIDTH - RIGHT,
        bottom=y_of(0),
        label_x=LEFT - 8,
        ticks=[Tick(y_of(value), value) for value in TICKS],
        points=points,
    )
