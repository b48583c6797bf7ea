"""The `transcript-qa` command: build, ask, parse, info, verify, eval, serve.

Every mistake a person can make ends in one line on stderr and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import warnings
from dataclasses import asdict
from pathlib import Path

from corpus import SAMPLES_DIR, ChunkSettings, TranscriptQAError
from index.embedding import ALLOW_DOWNLOAD

from .defaults import default_index_dir
from .formatting import answer_json, answer_text, build_summary, manifest_text
from .records import Filters, checked_k, checked_question
from .reranking import RERANKER

PROG = "transcript-qa"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage + message
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Ask questions of transcripts; get verbatim, cited passages.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    index_help = f"index folder (default: $TQA_INDEX or {default_index_dir()})"

    b = sub.add_parser("build", help="build or rebuild an index from a folder of transcripts")
    b.add_argument("corpus", nargs="?", metavar="CORPUS_DIR",
                   help="folder of transcripts (text, Markdown, WebVTT, SRT, JSON, XML, HTML, PDF, Word), "
                        "read recursively (default: $TQA_CORPUS)")
    b.add_argument("--index", type=Path, help=index_help)
    b.add_argument("--model", default=None, help="sentence-transformers model name or folder "
                                                 "(default: the bundled all-MiniLM-L6-v2)")
    b.add_argument("--chunk-tokens", type=int, default=ChunkSettings.max_tokens,
                   help=f"most tokens in one chunk (default: {ChunkSettings.max_tokens})")
    b.add_argument("--overlap", type=int, default=ChunkSettings.overlap_sentences,
                   help=f"sentences shared by consecutive chunks (default: {ChunkSettings.overlap_sentences})")
    b.add_argument("--outside-links", action="store_true",
                   help="also read links in the corpus folder that resolve outside it (skipped by default)")
    b.add_argument("--float-vectors", action="store_true",
                   help="embed the transcripts with the model's float graph, the model's own vectors (about twice "
                        "as slow; by default its int8 graph embeds them, questions always in float)")
    b.add_argument("--force", action="store_true",
                   help="build a new version even when the index already holds these files as they are")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    _allow_download(b)
    b.set_defaults(func=_build)

    a = sub.add_parser("ask", help="ask a question; print the best passages with citations")
    a.add_argument("question")
    a.add_argument("--index", type=Path, help=index_help)
    a.add_argument("-k", type=int, default=5, help="number of passages (default: 5)")
    a.add_argument("--speaker", action="append", help="only this speaker (a name or part of one; repeatable)")
    a.add_argument("--doc", action="append", help="only this transcript file (repeatable)")
    a.add_argument("--from", dest="date_from", metavar="DATE", help="only transcripts dated on or after DATE")
    a.add_argument("--to", dest="date_to", metavar="DATE", help="only transcripts dated on or before DATE")
    a.add_argument("--json", action="store_true", help="print JSON instead of text")
    _reranker(a)
    _allow_download(a)
    a.set_defaults(func=_ask)

    r = sub.add_parser("parse", help="show how one transcript file is read, without building anything")
    r.add_argument("file", metavar="FILE", type=Path)
    r.add_argument("--json", action="store_true", help="print JSON instead of text")
    r.set_defaults(func=_parse)

    i = sub.add_parser("info", help="what an index holds, how it was built, and what it learned from its corpus")
    i.add_argument("--index", type=Path, help=index_help)
    i.add_argument("--json", action="store_true", help="print the manifest and what was learned as JSON")
    i.set_defaults(func=_info)

    v = sub.add_parser("verify", help="check every file of an index, and of its model, against the SHA-256 "
                                      "its build recorded")
    v.add_argument("--index", type=Path, help=index_help)
    v.set_defaults(func=_verify)

    e = sub.add_parser("eval", help="measure answer quality on gold questions (Hit@k, MRR, words, latency)")
    e.add_argument("questions", nargs="*", metavar="QUESTIONS.jsonl",
                   help='JSONL files of {"id", "question", "kind", "answers": [{"file", "substring"}]}')
    e.add_argument("--suite", type=Path, metavar="SUITE.json",
                   help="corpora and their question sets, each indexed and measured on its own (see assistant/suite.py)")
    e.add_argument("--work", type=Path, help="where a suite's indexes are kept "
                                             "(default: $TQA_CACHE/eval, else ~/.cache/transcript-qa/eval)")
    e.add_argument("--index", type=Path, help=index_help)
    e.add_argument("--k", type=int, default=10, help="passages asked for per question (default: 10)")
    e.add_argument("--baselines", action="store_true",
                   help="also run dense-only, BM25-only and plain RRF retrieval over the same chunks, and "
                        "(with --suite) the tutorial recipe: 1,000-character splits in FAISS, same model")
    e.add_argument("--json", action="store_true", help="print JSON instead of tables")
    _reranker(e)
    _allow_download(e)
    e.set_defaults(func=_eval)

    s = sub.add_parser("serve", help="serve the web page")
    s.add_argument("--index", type=Path, help=index_help)
    s.add_argument("--corpus", type=Path, help="folder uploads go to and rebuilds read (default: $TQA_CORPUS, "
                                               "else the folder the index was built from)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    s.add_argument("--port", type=_port, default=7860, help="port (default: 7860)")
    s.add_argument("--auth", metavar="USER:PASSWORD", help="require this login (default: $TQA_AUTH, if set)")
    s.add_argument("--share", action="store_true", help="also open a public Gradio share link")
    _reranker(s)
    _allow_download(s)
    s.set_defaults(func=_serve)
    return parser


def _reranker(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reranker", metavar="PATH_OR_NAME",
                        help="order the passages found with this cross-encoder: a model folder, or a name already "
                             f"in the Hugging Face cache (default: ${RERANKER}, else none)")


def _allow_download(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-download", action="store_true",
                        help=f"let a model that is not on this machine be downloaded (also: {ALLOW_DOWNLOAD}=1)")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port; give one from 1 to 65535")
    return port


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(message)s")
    warnings.filterwarnings("ignore", category=FutureWarning)
    if getattr(args, "allow_download", False):
        os.environ[ALLOW_DOWNLOAD] = "1"  # read where the model is loaded, however deep
    try:
        return args.func(args) or 0
    except TranscriptQAError as exc:
        print(f"{PROG}: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output stopped early (`| head`): nothing is wrong, and Python must not complain
        # again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _index_dir(args) -> Path:
    return args.index or default_index_dir()


def _load_reranker(args):
    """The cross-encoder of --reranker or $TQA_RERANKER, loaded (or refused in one line); None when neither
    names one. Loaded before the index is opened: a mistyped folder is said at once."""
    name = args.reranker if args.reranker is not None else os.environ.get(RERANKER) or None
    if name is None:
        return None
    from .reranking import load_reranker

    return load_reranker(name)


def _build(args) -> int:
    from index import BuildSettings, ModelSpec, build_index

    corpus = args.corpus or os.environ.get("TQA_CORPUS")
    if not corpus:
        print(f"{PROG}: error: name the transcripts folder (or set TQA_CORPUS); the shipped samples are in "
              f"{SAMPLES_DIR}", file=sys.stderr)
        return 2
    settings = BuildSettings(model=ModelSpec(args.model) if args.model else ModelSpec(),
                             chunking=ChunkSettings(max_tokens=args.chunk_tokens, overlap_sentences=args.overlap),
                             outside_links=args.outside_links, float_vectors=args.float_vectors)
    bar = _ProgressBar(enabled=not args.quiet and sys.stderr.isatty())
    try:
        report = build_index(corpus, _index_dir(args), settings, progress=bar.update, force=args.force)
    finally:
        bar.close()
    print(build_summary(report, str(corpus)))
    return 0


def _ask(args) -> int:
    # Check what the person typed before spending seconds on loading the model.
    question, k = checked_question(args.question), checked_k(args.k)
    filters = Filters(speakers=tuple(args.speaker or ()), docs=tuple(args.doc or ()),
                      date_from=args.date_from, date_to=args.date_to)
    reranker = _load_reranker(args)
    from .answering import Assistant

    assistant = Assistant.open(_index_dir(args), reranker=reranker)
    answer = assistant.ask(question, k=k, filters=filters)
    if args.json:
        print(answer_json(answer))
    else:
        width = min(100, max(60, _terminal_width() - 2))
        print(answer_text(answer, width=width, color=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    return 0


def _parse(args) -> int:
    from corpus import read_transcript
    from corpus.errors import DecodeError

    from .formatting import transcript_record, transcript_text

    path: Path = args.file
    if not path.is_file():
        raise TranscriptQAError(f"{path} is not a file; name one transcript file")
    try:
        transcript = read_transcript(path, path.parent)
    except DecodeError as exc:
        raise TranscriptQAError(f"{path} cannot be read as a transcript: {exc}") from None
    except OSError as exc:
        raise TranscriptQAError(f"{path} could not be read ({exc.strerror or exc})") from None
    if args.json:
        print(json.dumps(transcript_record(transcript), ensure_ascii=False, indent=2))
    else:
        print(transcript_text(transcript, width=max(60, _terminal_width() - 2)))
    return 0


def _eval(args) -> int:
    from .evaluation import baseline_settings, evaluate, load_questions, report_json, report_text

    k = checked_k(args.k)
    if args.suite:
        from index.machine_cache import cache_root

        from .suite import read_suite, run_suite

        work = args.work or cache_root() / "eval"
        suite = read_suite(args.suite)
        report = run_suite(suite, work, k, baselines=args.baselines, reranker=_load_reranker(args))
        print(report_json(report) if args.json else report_text(report))
        return 0
    if not args.questions:
        raise TranscriptQAError("name the question files, or a suite with --suite")
    questions = load_questions(args.questions)
    reranker = _load_reranker(args)
    from .answering import Assistant

    assistant = Assistant.open(_index_dir(args), reranker=reranker)
    systems = {"transcript-qa": assistant}
    if args.baselines:
        systems.update({name: assistant.with_settings(s) for name, s in baseline_settings().items()})
    report = evaluate({name: _asker(a) for name, a in systems.items()}, questions, k=k,
                      source_text=assistant.source_text)
    print(report_json(report) if args.json else report_text(report))
    return 0


def _asker(assistant):
    return lambda question, k: assistant.ask(question, k=k)


def _info(args) -> int:
    from index import changes_since, read_index_learned, read_index_manifest
    from index.structure_files import learned_record

    from .formatting import learned_text

    manifest, version = read_index_manifest(_index_dir(args))
    learned = learned_record(read_index_learned(_index_dir(args)))
    del learned["filler_groups"]  # the formulas say it shorter
    if args.json:
        print(json.dumps({"version": version, **asdict(manifest), "learned": learned}, ensure_ascii=False, indent=2))
    else:
        print(manifest_text(manifest, str(_index_dir(args)), version, changes_since(manifest)))
        print(learned_text(learned, width=max(60, _terminal_width() - 2)))
    return 0


def _verify(args) -> int:
    from index import verify_index

    from .formatting import verify_summary

    result = verify_index(_index_dir(args))
    for problem in result.problems:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
    if result.problems:
        return 1
    print(verify_summary(result))
    return 0


def _serve(args) -> int:
    reranker = _load_reranker(args)
    from ui.serving import parse_auth, serve

    auth = parse_auth(args.auth or os.environ.get("TQA_AUTH"))
    corpus = args.corpus or (Path(os.environ["TQA_CORPUS"]) if os.environ.get("TQA_CORPUS") else None)
    serve(index_dir=_index_dir(args), corpus_dir=corpus, host=args.host, port=args.port, auth=auth,
          share=args.share, reranker=reranker,
          announce=lambda url: print(f"Serving on {url} (Ctrl+C stops)", flush=True))
    return 0


class _ProgressBar:
    """A tqdm bar per build stage, on a terminal only."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.stage = None
        self.bar = None

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=f"{stage:>9}", unit="", file=sys.stderr, leave=False)
        self.bar.total = total
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 100


def _version() -> str:
    from index import package_version

    return package_version()


if __name__ == "__main__":
    sys.exit(main())
