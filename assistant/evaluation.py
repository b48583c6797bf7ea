"""Measuring answer quality: gold questions in, Hit@k, MRR, quote length, latency out.

A question's gold answers are `{"file", "substring"}` pairs. A passage answers it
when it is cited from that file and the substring occurs in its quote, or when one
of its `also_in` citations is from that file and the substring occurs in the text
that citation spans. A question's rank is the 1-based position of the first
passage that answers it. Unanswerable questions (no gold answers) count only
toward the low-confidence rates.

Words per passage is the mean, over every passage shown in the top 5 of every
question, of the whitespace-separated words of its quote: what a person reads.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import EvaluationError
from .records import Answer, Passage
from .retrieval import RetrievalSettings

WORDS_OVER = 5  # passages per question whose length is counted
MRR_DEPTH = 10


@dataclass(frozen=True)
class Gold:
    file: str
    substring: str


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    kind: str
    answers: tuple[Gold, ...]
    part: str  # which question set it came from, e.g. "tune"

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


@dataclass(frozen=True)
class QuestionResult:
    id: str
    part: str
    kind: str
    question: str
    answerable: bool
    rank: int | None  # of the first passage holding a gold answer; None when none does
    words: tuple[int, ...]  # words in each of the first WORDS_OVER quotes
    latency_ms: float
    low_confidence: bool | None
    shown: tuple[str, ...] = ()  # "file ¶n: start of quote" of the first passages, to read a miss


@dataclass(frozen=True)
class Summary:
    system: str
    part: str  # a question set's name, or "all"
    questions: int
    answerable: int
    hit1: float
    hit3: float
    hit5: float
    mrr10: float
    words: float
    latency_median_ms: float
    latency_p95_ms: float
    flagged_unanswerable: float | None  # share of unanswerable questions marked low confidence
    flagged_answerable: float | None  # share of answerable ones marked low confidence


@dataclass(frozen=True)
class Report:
    k: int
    systems: tuple[str, ...]
    parts: tuple[str, ...]
    summaries: tuple[Summary, ...]  # one per (system, part), then per (system, kind) in `by_kind`
    by_kind: tuple[Summary, ...]
    results: dict[str, tuple[QuestionResult, ...]] = field(default_factory=dict)  # per system


# -- reading questions ------------------------------------------------------------


def load_questions(paths: Sequence[str | Path]) -> list[EvalQuestion]:
    """Questions from JSONL files; each file's name (without "questions-") names its part."""
    out: list[EvalQuestion] = []
    seen: set[str] = set()
    for path in map(Path, paths):
        part = path.stem.removeprefix("questions-") or path.stem
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise EvaluationError(f"there is no question file {path}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise EvaluationError(f"cannot read the question file {path} ({type(exc).__name__})") from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            q = _parse(line, f"{path}:{n}", part)
            if q.id in seen:
                raise EvaluationError(f"{path}:{n}: the id {q.id!r} is used twice")
            seen.add(q.id)
            out.append(q)
    if not out:
        raise EvaluationError("the question files hold no questions")
    return out


def _parse(line: str, where: str, part: str) -> EvalQuestion:
    try:
        raw = json.loads(line)
        answers = tuple(Gold(str(a["file"]), str(a["substring"])) for a in raw.get("answers", []))
        q = EvalQuestion(id=str(raw["id"]), question=str(raw["question"]), kind=str(raw.get("kind", "")),
                         answers=answers, part=part)
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{where}: not JSON ({exc.msg})") from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise EvaluationError(f"{where}: a question needs id, question and answers "
                              f"[{{\"file\", \"substring\"}}] ({type(exc).__name__}: {exc})") from None
    if not q.question.strip():
        raise EvaluationError(f"{where}: the question is empty")
    return q


# -- scoring one answer -----------------------------------------------------------

LABEL_REACH = 200  # how far before a passage its speaker's label may start
_LABEL_MARKS = " \t\n:：•·-–—*"


def passage_answers(passage: Passage, gold: Gold, source_text: Callable[[str], str] | None = None) -> bool:
    """Whether `passage` holds `gold`, in its own quote or in a document it is also in; or, for a
    passage that begins its turn, in its speaker's label and the quote it leads into (the citation
    shows the label: "which outlet's reporter asked" is answered by "Harbour Post Reporter")."""
    c = passage.citation
    if c.file == gold.file and gold.substring in passage.quote:
        return True
    if c.file == gold.file and source_text is not None and c.speaker:
        before = source_text(c.file)[max(0, c.start - LABEL_REACH):c.start]
        at = before.lower().rfind(c.speaker.lower())
        if at >= 0 and not before[at + len(c.speaker):].strip(_LABEL_MARKS) and gold.substring in (
                before[at:] + passage.quote):
            return True
    for c in passage.also_in:
        if c.file != gold.file:
            continue
        if gold.substring in passage.quote:
            return True
        if source_text is not None and gold.substring in source_text(c.file)[c.start:c.end]:
            return True
    return False


def first_hit(passages: Sequence[Passage], golds: Iterable[Gold],
              source_text: Callable[[str], str] | None = None) -> int | None:
    """1-based rank of the first passage holding any gold answer, or None."""
    golds = tuple(golds)
    for rank, p in enumerate(passages, 1):
        if any(passage_answers(p, g, source_text) for g in golds):
            return rank
    return None


def words(text: str) -> int:
    return len(text.split())


# -- running ----------------------------------------------------------------------

Ask = Callable[[str, int], Answer]


def run_questions(ask: Ask, questions: Sequence[EvalQuestion], k: int,
                  source_text: Callable[[str], str] | None = None,
                  clock: Callable[[], float] = time.perf_counter) -> tuple[QuestionResult, ...]:
    """Ask every question once; `ask(question, k)` is timed."""
    out = []
    for q in questions:
        started = clock()
        answer = ask(q.question, k)
        elapsed = (clock() - started) * 1000
        passages = answer.passages
        out.append(QuestionResult(
            id=q.id, part=q.part, kind=q.kind, question=q.question, answerable=q.answerable,
            rank=first_hit(passages, q.answers, source_text) if q.answerable else None,
            words=tuple(words(p.quote) for p in passages[:WORDS_OVER]),
            latency_ms=round(elapsed, 3), low_confidence=answer.low_confidence,
            shown=tuple(_shown(p) for p in passages[:3]),
        ))
    return tuple(out)


def summarize(results: Sequence[QuestionResult], system: str, part: str) -> Summary:
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    ranks = [r.rank for r in answerable]
    n = len(answerable)

    def hit(at: int) -> float:
        return sum(1 for r in ranks if r is not None and r <= at) / n if n else 0.0

    shown = [w for r in results for w in r.words]
    latencies = sorted(r.latency_ms for r in results)
    return Summary(
        system=system, part=part, questions=len(results), answerable=n,
        hit1=hit(1), hit3=hit(3), hit5=hit(5),
        mrr10=sum(1 / r for r in ranks if r is not None and r <= MRR_DEPTH) / n if n else 0.0,
        words=statistics.fmean(shown) if shown else 0.0,
        latency_median_ms=statistics.median(latencies) if latencies else 0.0,
        latency_p95_ms=percentile(latencies, 95),
        flagged_unanswerable=_flagged(unanswerable),
        flagged_answerable=_flagged(answerable),
    )


def _flagged(results: Sequence[QuestionResult]) -> float | None:
    """The share marked low confidence; None when there are none, or the system has no flag."""
    if not results or any(r.low_confidence is None for r in results):
        return None
    return sum(r.low_confidence for r in results) / len(results)


def percentile(sorted_values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * pct // 100))
    return float(sorted_values[int(rank) - 1])


def evaluate(systems: dict[str, Ask], questions: Sequence[EvalQuestion], k: int = MRR_DEPTH,
             source_text: Callable[[str], str] | None = None, warmup: int = 10) -> Report:
    """Every system over every question, with summaries per part, overall and per kind."""
    if k < WORDS_OVER:
        raise EvaluationError(f"--k must be at least {WORDS_OVER}: Hit@5 needs five passages")
    parts = tuple(dict.fromkeys(q.part for q in questions))
    kinds = tuple(dict.fromkeys(q.kind for q in questions))
    summaries, by_kind, results = [], [], {}
    # The first questions of a process pay for warming the model and caches: not a warm query.
    for ask in systems.values():
        for q in questions[:warmup]:
            ask(q.question, k)
    for name, ask in systems.items():
        res = run_questions(ask, questions, k, source_text)
        results[name] = res
        for part in parts:
            summaries.append(summarize([r for r in res if r.part == part], name, part))
        if len(parts) > 1:
            summaries.append(summarize(res, name, "all"))
        for kind in kinds:
            by_kind.append(summarize([r for r in res if r.kind == kind], name, kind))
    return Report(k=k, systems=tuple(systems), parts=parts, summaries=tuple(summaries),
                  by_kind=tuple(by_kind), results=results)


def _shown(p: Passage) -> str:
    start = " ".join(p.quote.split())[:70]
    return f"{p.citation.file} ¶{p.citation.paragraph}: {start}"


# -- the systems compared ----------------------------------------------------------


def baseline_settings() -> dict[str, RetrievalSettings]:
    """The usual recipes, as settings of the same retrieval over the same chunks."""
    # Nothing transcript-aware: no reporter questions, no speaker or period preference,
    # no sentence signal, term expansion or turn length; the chunks as found, no repeats folded.
    plain = dict(question_weight=0.0, reply_weight=0.0, named_reply_weight=0.0, sentence_weight=0.0,
                 speaker_boost=0.0, period_boost=0.0, item_boost=0.0, understands_questions=False,
                 expand_terms=False, quote="chunk", also_in_threshold=1.0, short_turn_discount=0.0)
    return {
        "dense": RetrievalSettings(dense_weight=1.0, lexical_weight=0.0, **plain),
        "bm25": RetrievalSettings(dense_weight=0.0, lexical_weight=1.0, lexical_columns=(1.0, 0.0), **plain),
        "rrf": RetrievalSettings(fusion="rrf", dense_weight=1.0, lexical_weight=1.0, **plain),
    }


# -- rendering ---------------------------------------------------------------------


def report_table(report: Report, summaries: Sequence[Summary] | None = None, first: str = "part") -> str:
    rows = [(first, "system", "n", "Hit@1", "Hit@3", "Hit@5", "MRR@10", "words", "median ms", "p95 ms",
             "flag unans.", "flag ans.")]
    for s in summaries if summaries is not None else report.summaries:
        rows.append((s.part, s.system, str(s.answerable), f"{s.hit1:.2f}", f"{s.hit3:.2f}", f"{s.hit5:.2f}",
                     f"{s.mrr10:.2f}", f"{s.words:.0f}", f"{s.latency_median_ms:.1f}", f"{s.latency_p95_ms:.1f}",
                     _share(s.flagged_unanswerable), _share(s.flagged_answerable)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) + " |"
             for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 1) + (":" if i >= 2 else "-") for i, w in enumerate(widths)) + "|")
    return "\n".join(lines)


def report_text(report: Report) -> str:
    by_part = sorted(report.summaries, key=lambda s: (_order(report.parts, s.part), report.systems.index(s.system)))
    out = [f"Retrieval quality at k={report.k} (n = answerable questions; words = mean words per passage "
           f"in the top {WORDS_OVER}; flag = share marked low confidence)", "", report_table(report, by_part)]
    main = report.systems[0]
    out += ["", f"By kind ({main}):", "",
            report_table(report, [s for s in report.by_kind if s.system == main], first="kind")]
    misses = [r for r in report.results.get(main, ()) if r.answerable and (r.rank is None or r.rank > 5)]
    if misses:
        out += ["", f"Not in the top 5 ({main}):"]
        for r in misses:
            out.append(f"  {r.id} [{r.kind}] rank {r.rank or '>' + str(report.k)}: {r.question}")
            out.extend(f"      {i}. {s}" for i, s in enumerate(r.shown, 1))
    return "\n".join(out)


def report_json(report: Report) -> str:
    from dataclasses import asdict

    return json.dumps(asdict(report), ensure_ascii=False, indent=2)


def _share(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _order(parts: tuple[str, ...], part: str) -> int:
    return parts.index(part) if part in parts else len(parts)
