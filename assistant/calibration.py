"""How sure an answer is: a logistic model over what the passages show, fitted per embedding model.

Cosines sit on a scale of their own for every model, so the numbers that turn the
signals of an answer (`confidence.signals`) into a probability that the passages
hold an answer are fitted for one model: by `tests/calibrate.py`, on gold questions
of several corpora, with scikit-learn's logistic regression. Each fit is a JSON file
in `assistant/calibrations/` that names the model by its vector for a fixed probe
sentence, the one every index records in its manifest; an index whose model no
calibration names gets no low-confidence flag (None) and a note saying why, rather
than numbers made for another model.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

CALIBRATIONS = Path(__file__).resolve().parent / "calibrations"
FEATURES = ("lift", "lift_first", "near_miss", "coverage", "unseen", "score")
SAME_MODEL = 1e-4  # the probe vectors of one model agree this closely (index/integrity.py)
UNCALIBRATED = ("no low-confidence flag: the index's model has no calibration; fit one with "
                "`python tests/calibrate.py` over gold questions of your corpora")


@dataclass(frozen=True)
class Calibration:
    model: str  # its name, for people; it is known by `probe`
    probe: tuple[float, ...]  # the model's vector for the probe sentence
    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # an answer less likely than this to hold an answer is flagged
    fitted_on: tuple[str, ...] = ()  # the question sets
    note: str = ""  # how it was fitted and how it did when checked

    def probability(self, signals: dict[str, float]) -> float:
        z = self.intercept + sum(c * signals[f] for c, f in zip(self.coef, self.features))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def flags(self, probability: float) -> bool:
        return probability < self.threshold

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)


def read_calibration(path: Path) -> Calibration:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(model=str(raw["model"]), probe=tuple(float(x) for x in raw["probe"]),
                       features=tuple(raw["features"]), coef=tuple(float(x) for x in raw["coef"]),
                       intercept=float(raw["intercept"]), threshold=float(raw["threshold"]),
                       fitted_on=tuple(raw.get("fitted_on", ())), note=str(raw.get("note", "")))


@lru_cache(maxsize=1)
def bundled() -> tuple[Calibration, ...]:
    return tuple(read_calibration(p) for p in sorted(CALIBRATIONS.glob("*.json")))


def calibration_for(probe: tuple[float, ...], known: tuple[Calibration, ...] | None = None) -> Calibration | None:
    """The calibration fitted for the model whose probe vector is `probe`, if any."""
    if not probe:
        return None
    mine = np.asarray(probe, dtype=np.float64)
    for cal in bundled() if known is None else known:
        theirs = np.asarray(cal.probe, dtype=np.float64)
        if theirs.shape == mine.shape and float(np.abs(theirs - mine).max()) <= SAME_MODEL:
            return cal
    return None
