"""Calibrating the built-in scorer on labelled answers, and measuring it honestly.

The criteria come from what an answer contains (``scoring_features``); what is fitted on
labelled answers is how much each criterion weighs in the score. A fit is measured on
answers it did not see: cross-validation by profession, fitting on every profession but
one and scoring that one. The held-out agreement (Spearman's rho of scores against labels)
is the figure that says how the scorer does on answers like none it was tuned on.

``python -m sessions_app.engines.calibration FILE...`` prints the report.
"""

import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from sessions_app.engines import CRITERIA
from sessions_app.engines.scorer import RUBRIC_WEIGHTS, BuiltinAnswerScorer, score_from

OWN_EXAMPLES = Path(__file__).with_name("data") / "labelled_answers.jsonl"
# Weights on a grid of twentieths, each criterion from 2 to 9 of them (0.10 to 0.45): no
# criterion can be ignored, none can decide alone.
_STEPS, _LOW, _HIGH = 20, 2, 9
# Agreement this close to the best counts as a tie; ties go to the weights nearest the
# rubric's, so a handful of labels cannot pull the score far from what the rubric says.
_TIE = 0.02


def load_rows(*paths: Path) -> list[dict]:
    rows = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        rows += [json.loads(line) for line in lines if line.strip()]
    return rows


def profession(row: dict) -> str:
    """The posting's title: "Senior Backend Engineer: Python, ..." is a backend posting."""
    return row["posting"].split(":", 1)[0].strip()


def criteria_of(row: dict) -> dict[str, int]:
    return (
        BuiltinAnswerScorer()
        .assess(
            question=row["question"],
            answer=row["answer"],
            title=profession(row),
            description=row["posting"],
        )
        .criteria
    )


def score_of(row: dict) -> int:
    return score_from(criteria_of(row))


def average_ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda index: values[index])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rho: Pearson's correlation of the ranks, ties sharing their average rank."""
    rx, ry = average_ranks(xs), average_ranks(ys)
    mean_x, mean_y = sum(rx) / len(rx), sum(ry) / len(ry)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(rx, ry, strict=True))
    spread_x = sum((x - mean_x) ** 2 for x in rx) ** 0.5
    spread_y = sum((y - mean_y) ** 2 for y in ry) ** 0.5
    return covariance / (spread_x * spread_y) if spread_x and spread_y else 0.0


def _candidates() -> list[dict[str, float]]:
    grid = []
    for parts in itertools.product(range(_LOW, _HIGH + 1), repeat=len(CRITERIA) - 1):
        last = _STEPS - sum(parts)
        if _LOW <= last <= _HIGH:
            grid.append(dict(zip(CRITERIA, [*parts, last], strict=True)))
    return [{name: units / _STEPS for name, units in weights.items()} for weights in grid]


def fit_weights(labelled: list[tuple[dict[str, int], int]]) -> dict[str, float]:
    """The weights whose scores agree best with the labels; among near ties, the nearest
    to the rubric's."""
    labels = [label for _, label in labelled]
    scored = [
        (spearman(labels, [score_from(values, weights) for values, _ in labelled]), weights)
        for weights in _candidates()
    ]
    best = max(rho for rho, _ in scored)

    def distance(weights: dict[str, float]) -> float:
        return sum((weights[name] - RUBRIC_WEIGHTS[name]) ** 2 for name in CRITERIA)

    return min((w for rho, w in scored if rho >= best - _TIE), key=distance)


@dataclass(frozen=True)
class Report:
    weights: dict[str, float]  # fitted on every row: what the scorer ships
    in_sample: float  # rho of those weights on the rows they were fitted on
    held_out: float  # rho of every row scored by the fit that did not see its profession
    by_profession: dict[str, tuple[int, float]]  # rows and held-out rho per profession


def cross_validate(rows: list[dict]) -> Report:
    labelled = [(criteria_of(row), row["label"]) for row in rows]
    professions = [profession(row) for row in rows]
    held_out_scores = [0] * len(rows)
    by_profession = {}
    for name in sorted(set(professions)):
        train = [pair for pair, p in zip(labelled, professions, strict=True) if p != name]
        weights = fit_weights(train)
        indexes = [i for i, p in enumerate(professions) if p == name]
        for i in indexes:
            held_out_scores[i] = score_from(labelled[i][0], weights)
        fold = spearman([labelled[i][1] for i in indexes], [held_out_scores[i] for i in indexes])
        by_profession[name] = (len(indexes), fold)
    weights = fit_weights(labelled)
    labels = [label for _, label in labelled]
    return Report(
        weights=weights,
        in_sample=spearman(labels, [score_from(values, weights) for values, _ in labelled]),
        held_out=spearman(labels, held_out_scores),
        by_profession=by_profession,
    )


if __name__ == "__main__":
    report = cross_validate(load_rows(*(Path(arg) for arg in sys.argv[1:])))
    print(f"weights fitted on all rows: {report.weights}")
    print(f"in-sample rho: {report.in_sample:.3f}")
    print(f"held-out rho (leave one profession out): {report.held_out:.3f}")
    for name, (count, rho) in report.by_profession.items():
        print(f"  {name}: {count} rows, rho {rho:.3f}")
