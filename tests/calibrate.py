"""Fit the low-confidence calibration of an embedding model on gold questions of several corpora.

    python tests/calibrate.py --corpus INDEX_A Q1.jsonl Q2.jsonl --corpus INDEX_B Q3.jsonl \
        [--answerable-flagged 0.12] [--out assistant/calibrations/NAME.json]

Every index must be built with the same model. Each question is asked; the signals of
its answer (`assistant.confidence.signals`) and whether it has a gold answer are the
data. A logistic regression (scikit-learn) gives the probability that the passages
hold an answer, each corpus weighing alike however many questions it brings; the
threshold is the highest that flags no more than the given share of the answerable
questions of any one corpus (a threshold over all of them together lets the corpus
whose signals run lower carry most of the wrong flags). The fit is checked two ways,
printed and kept in the file's note: five-fold cross-validation over all questions
(folds stratified by corpus and answerability), and leaving each corpus out in turn
(fit on the others, flag the one left out), which shows how far the numbers carry to a
corpus they never saw; the rates of each corpus under the fit on all are printed too.
Never fit on a held-out question set.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import Assistant  # noqa: E402
from assistant.calibration import FEATURES, Calibration  # noqa: E402
from assistant.evaluation import load_questions  # noqa: E402


def collect(index: Path, files: list[str]) -> tuple[np.ndarray, np.ndarray, tuple[float, ...], str, list[str]]:
    """(signals, answerable, the model's probe, its name, question sets) of one corpus."""
    assistant = Assistant.open(index)
    rows, labels = [], []
    questions = load_questions(files)
    for q in questions:
        _, found = assistant.ask_with_signals(q.question, k=5)
        rows.append([found[f] for f in FEATURES])
        labels.append(1 if q.answerable else 0)
    model = assistant.index.manifest.model
    return np.array(rows), np.array(labels), tuple(model.probe), model.name, sorted({q.part for q in questions})


def fit(x: np.ndarray, y: np.ndarray, answerable_flagged: float, groups: np.ndarray | None = None):
    """The regression and its threshold; `groups` names each question's corpus (None: one corpus)."""
    from sklearn.linear_model import LogisticRegression

    groups = np.zeros(len(y), dtype=int) if groups is None else np.asarray(groups)
    names, counts = np.unique(groups, return_counts=True)
    size = dict(zip(names, counts))
    weight = np.array([len(y) / (len(names) * size[g]) for g in groups])
    reg = LogisticRegression(C=1.0, max_iter=1000).fit(x, y, sample_weight=weight)
    p = reg.predict_proba(x)[:, 1]
    thresholds = []
    for g in names:
        answerable = np.sort(p[(y == 1) & (groups == g)])
        # The highest threshold flagging at most the allowed share of this corpus's answerable questions.
        allowed = int(np.floor(answerable_flagged * len(answerable)))
        thresholds.append(float(answerable[allowed]) if allowed < len(answerable) else 1.0)
    return reg, min(thresholds)


def rates(reg, threshold: float, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    flagged = reg.predict_proba(x)[:, 1] < threshold
    unanswerable = float(flagged[y == 0].mean()) if (y == 0).any() else float("nan")
    answerable = float(flagged[y == 1].mean()) if (y == 1).any() else float("nan")
    return unanswerable, answerable


def cross_validated(x: np.ndarray, y: np.ndarray, groups: np.ndarray, answerable_flagged: float,
                    folds: int = 5) -> tuple[float, float]:
    """Flag rates of each question when the fit did not see it."""
    from sklearn.model_selection import StratifiedKFold

    flagged = np.zeros(len(y), dtype=bool)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(x, y * 1000 + groups):
        reg, threshold = fit(x[train], y[train], answerable_flagged, groups[train])
        flagged[test] = reg.predict_proba(x[test])[:, 1] < threshold
    return float(flagged[y == 0].mean()), float(flagged[y == 1].mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="+", action="append", required=True, metavar=("INDEX", "QUESTIONS"),
                        help="an index folder and the gold question files over its corpus")
    parser.add_argument("--answerable-flagged", type=float, default=0.15,
                        help="share of answerable questions the threshold may flag (default 0.15)")
    parser.add_argument("--out", type=Path, help="where to write the calibration (JSON)")
    args = parser.parse_args(argv)

    data = []
    for index, *files in args.corpus:
        if not files:
            parser.error(f"--corpus {index}: name its question files too")
        path = Path(index)
        data.append((path.parent.name if path.name == "index" else path.name, *collect(path, files)))
    probes = {d[3] for d in data}
    if len(probes) != 1:
        parser.error("the indexes were built with different models; fit one model at a time")

    lines = []
    if len(data) > 1:
        for i, (name, x, y, *_rest) in enumerate(data):
            others = [d for j, d in enumerate(data) if j != i]
            reg, threshold = fit(np.vstack([d[1] for d in others]), np.concatenate([d[2] for d in others]),
                                 args.answerable_flagged,
                                 np.concatenate([np.full(len(d[2]), j) for j, d in enumerate(others)]))
            un, an = rates(reg, threshold, x, y)
            lines.append(f"left out {name}: {un:.0%} of unanswerable and {an:.0%} of answerable flagged")
    x = np.vstack([d[1] for d in data])
    y = np.concatenate([d[2] for d in data])
    groups = np.concatenate([np.full(len(d[2]), i) for i, d in enumerate(data)])
    un, an = cross_validated(x, y, groups, args.answerable_flagged)
    lines.append(f"five-fold cross-validation: {un:.0%} of unanswerable and {an:.0%} of answerable flagged")
    reg, threshold = fit(x, y, args.answerable_flagged, groups)
    un, an = rates(reg, threshold, x, y)
    lines.append(f"on all {len(y)} questions: {un:.0%} of unanswerable and {an:.0%} of answerable flagged")
    for name, cx, cy, *_rest in data:
        un, an = rates(reg, threshold, cx, cy)
        lines.append(f"of them {name}: {un:.0%} of unanswerable and {an:.0%} of answerable flagged")
    for line in lines:
        print(line)
    parts = [p for d in data for p in d[5]]
    cal = Calibration(
        model=data[0][4], probe=data[0][3], features=FEATURES, coef=tuple(round(float(c), 6) for c in reg.coef_[0]),
        intercept=round(float(reg.intercept_[0]), 6), threshold=round(threshold, 6), fitted_on=tuple(parts),
        note=f"fitted {date.today().isoformat()} by tests/calibrate.py; " + "; ".join(lines))
    print(cal.to_json())
    if args.out:
        args.out.write_text(cal.to_json() + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
