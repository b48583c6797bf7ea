"""Quality on several corpora in one run: each with its own index and its own gold questions.

A suite is a JSON file:

    {"corpora": [
      {"name": "briefings", "folder": "../shared/transcripts", "sets": ["questions-tune.jsonl"]},
      {"name": "other sources", "folder": "../shared/corpora", "files": ["whitehouse/*.md"],
       "sets": ["corpora-tune.jsonl"]}]}

Paths are relative to the suite file. `files` (globs inside the folder) picks the
transcripts to index, for a folder that holds other files too; they are copied to the
work folder. Each corpus is indexed under the work folder (a rebuild reuses the vectors
of unchanged text), and every system answers its questions there.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import EvaluationError
from .evaluation import Ask, Report, evaluate, load_questions


@dataclass(frozen=True)
class SuiteCorpus:
    name: str
    folder: Path
    files: tuple[str, ...]  # globs inside `folder`; empty: every transcript in it
    sets: tuple[Path, ...]


def read_suite(path: str | Path) -> tuple[SuiteCorpus, ...]:
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        base = path.resolve().parent
        corpora = tuple(SuiteCorpus(name=str(c["name"]), folder=(base / c["folder"]).resolve(),
                                    files=tuple(c.get("files", ())), sets=tuple(base / s for s in c["sets"]))
                        for c in raw["corpora"])
    except FileNotFoundError:
        raise EvaluationError(f"there is no suite file {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise EvaluationError(f"the suite file {path} cannot be read ({type(exc).__name__}: {exc}); "
                              'it holds {"corpora": [{"name", "folder", "sets"}]}') from None
    if not corpora or len({c.name for c in corpora}) != len(corpora):
        raise EvaluationError(f"the suite file {path} names no corpus, or one name twice")
    for c in corpora:
        if not c.folder.is_dir():
            raise EvaluationError(f"the folder of corpus {c.name!r}, {c.folder}, is not there")
    return corpora


def corpus_folder(corpus: SuiteCorpus, work: Path) -> Path:
    """The folder to index: the corpus's own, or a copy of the files its globs pick."""
    if not corpus.files:
        return corpus.folder
    target = work / "corpus"
    if target.exists():
        shutil.rmtree(target)
    for pattern in corpus.files:
        for path in sorted(corpus.folder.glob(pattern)):
            if path.is_file():
                dest = target / path.relative_to(corpus.folder)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)
    if not target.exists():
        raise EvaluationError(f"no file of corpus {corpus.name!r} matches {', '.join(corpus.files)}")
    return target


def merge(reports: list[tuple[str, Report]]) -> Report:
    """One report of several corpora: each corpus's "all" row named after the corpus."""
    first = reports[0][1]
    summaries, by_kind, results, parts = [], [], {}, []
    for name, report in reports:
        single = len(report.parts) == 1  # one question set: its rows are the corpus's, named after it
        for s in report.summaries:
            summaries.append(replace(s, part=name) if s.part == "all" or single else s)
        parts.extend((name,) if single else report.parts + (name,))
        by_kind.extend(replace(s, part=f"{name}: {s.part}") for s in report.by_kind)
        for system, res in report.results.items():
            results[system] = results.get(system, ()) + res
    return Report(k=first.k, systems=first.systems, parts=tuple(dict.fromkeys(parts)), summaries=tuple(summaries),
                  by_kind=tuple(by_kind), results=results)


def run_suite(corpora: tuple[SuiteCorpus, ...], work: Path, k: int, baselines: bool = False,
              model: str | None = None, embedder=None, reranker=None) -> Report:
    """Index each corpus under `work/NAME`, and ask its questions of every system; `embedder`, when
    given, is used instead of loading `model`; `reranker` orders transcript-qa's passages (not the
    baselines')."""
    reports = []
    for corpus in corpora:
        questions = load_questions(corpus.sets)
        systems, source_text = corpus_systems(corpus, work / corpus.name, baselines, model, embedder, reranker)
        reports.append((corpus.name, evaluate(systems, questions, k=k, source_text=source_text)))
    return merge(reports)


def corpus_systems(corpus: SuiteCorpus, work: Path, baselines: bool, model: str | None, embedder=None,
                   reranker=None):
    """({system name: ask}, source_text) over one corpus: transcript-qa, and with `baselines` the
    same index searched densely, by BM25 and by plain RRF, and the tutorial recipe."""
    from index import BuildSettings, ModelSpec, build_index

    from .answering import Assistant
    from .evaluation import baseline_settings
    from .recipe import Recipe

    work.mkdir(parents=True, exist_ok=True)
    folder = corpus_folder(corpus, work)
    settings = BuildSettings(model=ModelSpec(model)) if model else BuildSettings()
    build_index(folder, work / "index", settings, embedder=embedder)
    assistant = Assistant.open(work / "index", embedder=embedder, reranker=reranker)
    systems: dict[str, Ask] = {"transcript-qa": _asker(assistant)}
    if baselines:
        systems.update({name: _asker(assistant.with_settings(s)) for name, s in baseline_settings().items()})
        recipe = Recipe(folder, assistant.index.embedder)
        systems["recipe"] = lambda question, k: recipe.ask(question, k)
    return systems, assistant.source_text


def _asker(assistant):
    return lambda question, k: assistant.ask(question, k=k)


__all__ = ["Ask", "SuiteCorpus", "corpus_folder", "merge", "read_suite", "run_suite"]
