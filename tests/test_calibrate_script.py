"""The calibration fit (tests/calibrate.py): its threshold keeps to the allowed share of
answerable questions flagged, and its checks score questions the fit did not see."""

import numpy as np

from calibrate import cross_validated, fit, rates


def synthetic(seed=0, n=400):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.65).astype(int)
    # Answerable questions have a closer answering sentence, with overlap, as real ones do.
    x = np.column_stack([rng.normal(0.55 + 0.15 * y, 0.08), rng.normal(0.05 - 0.03 * y, 0.03),
                         rng.random(n), rng.random(n) * 0.1])
    return x, y


def test_the_threshold_flags_no_more_answerable_questions_than_allowed():
    x, y = synthetic()
    for allowed in (0.05, 0.15, 0.3):
        reg, threshold = fit(x, y, allowed)
        unanswerable, answerable = rates(reg, threshold, x, y)
        assert answerable <= allowed + 1e-9
        assert unanswerable > answerable  # the signals separate the two kinds
    # Allowing more flags of answerable questions catches more of the unanswerable.
    assert rates(*fit(x, y, 0.3), x, y)[0] > rates(*fit(x, y, 0.05), x, y)[0]


def test_cross_validation_scores_every_question_out_of_its_fit():
    x, y = synthetic(1)
    groups = np.arange(len(y)) % 2
    unanswerable, answerable = cross_validated(x, y, groups, 0.15)
    assert 0.0 <= answerable <= 0.3 and unanswerable > 0.5
    # Labels that say nothing: out of its fit, the flag is no better than chance.
    shuffled = np.random.default_rng(2).permutation(y)
    un, an = cross_validated(x, shuffled, groups, 0.15)
    assert abs(un - an) < 0.15


def test_no_corpus_has_more_of_its_answerable_questions_flagged_than_allowed():
    # A second corpus whose signals all run lower, as a narrow field's lifts do.
    x1, y1 = synthetic(3)
    x2, y2 = synthetic(4, n=150)
    x2 = x2 - np.array([0.06, 0.0, 0.0, 0.0])
    x, y = np.vstack([x1, x2]), np.concatenate([y1, y2])
    groups = np.array([0] * len(y1) + [1] * len(y2))
    reg, threshold = fit(x, y, 0.15, groups)
    for g in (0, 1):
        assert rates(reg, threshold, x[groups == g], y[groups == g])[1] <= 0.15 + 1e-9
    # Pooled, the threshold would flag more of the lower corpus's answerable questions than allowed.
    pooled, pooled_threshold = fit(x, y, 0.15)
    assert rates(pooled, pooled_threshold, x2, y2)[1] > 0.15
