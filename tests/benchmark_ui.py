"""The page's speed, printed: Enter-to-cards and shared-URL-to-cards in headless Chromium, and asks
during a rebuild.

    python tests/benchmark_ui.py [CORPUS_DIR] [--repeat 10] [--parallel 8] [--screenshots ui]
    python tests/benchmark_ui.py [CORPUS_DIR] --load-only [--parallel 8] [--build-threads 0]

Enter-to-cards is timed inside the browser, from the Enter keydown in the question box
to the new cards being in the page and painted, over warm questions. Shared-URL-to-cards
is timed from the start of navigating to an address that holds a search (`/?q=...`) to
its cards being painted: the page loads, opens its connection and asks, as when a link
someone sent is opened. The concurrency figure runs PARALLEL clients asking through the
`ask` API for a while with no rebuild, then while a rebuild embeds newly added transcripts
(../shared/corpora), and compares the two p95 latencies. Not a test: timings belong in
a report, not in an assertion. --screenshots saves the README's pictures of the page over
the shipped samples, wide (1400×900) and narrow (390×844).
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]
ADDED = REPO.parent / "shared" / "corpora"

from benchmark import QUESTIONS as SHARED_QUESTIONS  # noqa: E402  (tests/ is on the path above)

# The questions of tests/benchmark.py, and some the shipped samples answer.
QUESTIONS = [
    *SHARED_QUESTIONS,
    "How fast does a flood warning reach a village?",
    "Will metro fares change?",
    "How did the economy do in the first quarter?",
    "What is being done about passenger information?",
    "How many cooling centers are open?",
]

# Notes the Enter keydown and the moment a new answer is in the page and painted.
_WATCH = """() => {
  const box = document.querySelector('#tqa-question textarea, #tqa-question input');
  const cards = document.querySelector('#tqa-cards');
  // The page updates the cards in place, so a new answer is told by its content, not a new node.
  // Loading spinners come and go in the same box; only the answer's own markup counts.
  const answer = () => { const a = cards.querySelector('.tqa-answer'); return a ? a.outerHTML : ''; };
  const before = answer();
  window.__tqaStart = null;
  window.__tqaDone = null;
  box.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__tqaStart = performance.now(); },
                       {once: true, capture: true});
  const seen = new MutationObserver(() => {
    if (window.__tqaStart !== null && answer() !== before && cards.querySelector('.tqa-answer .tqa-card')) {
      seen.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => { window.__tqaDone = performance.now(); }));
    }
  });
  seen.observe(cards, {childList: true, subtree: true});
}"""


# Notes when the first cards are in the page and painted, in ms since the navigation began.
_FIRST_CARDS = """
window.__tqaCards = null;
new MutationObserver((_, seen) => {
  if (window.__tqaCards === null && document.querySelector('#tqa-cards .tqa-answer .tqa-card')) {
    seen.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__tqaCards = performance.now(); }));
  }
}).observe(document, {childList: true, subtree: true});
"""


def main() -> None:
    default = REPO.parent / "shared" / "transcripts"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(default if default.is_dir() else REPO / "corpus" / "samples"))
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--screenshots", type=Path, help="also save the page over the shipped samples in this folder")
    parser.add_argument("--load-only", action="store_true",
                        help="only the asks with and without a rebuild (no browser)")
    parser.add_argument("--add", type=Path, default=ADDED if ADDED.is_dir() else None,
                        help="a folder whose transcripts the rebuild adds, to give it work "
                             "(default: ../shared/corpora; without it, one sample file)")
    parser.add_argument("--build-threads", type=int, default=-1,
                        help="threads a rebuild from the page embeds with (-1: the page's own choice, all cores "
                             "but one; 0: every core)")
    parser.add_argument("--seconds", type=float, default=20, help="how long the clients ask with no rebuild")
    args = parser.parse_args()

    from index import ModelSpec, build_index, load_embedder
    from ui.state import AppState
    from uikit import served

    print(f"machine: {platform.machine()}, {_cores()} cores, Python {platform.python_version()}")
    embedder = load_embedder(ModelSpec())
    with tempfile.TemporaryDirectory() as tmp:
        corpus = shutil.copytree(args.corpus, Path(tmp) / "corpus")
        report = build_index(corpus, Path(tmp) / "index", embedder=embedder)
        print(f"index: {report.documents} transcripts, {report.chunks} chunks ({args.corpus})")
        threads = None if args.build_threads == 0 else args.build_threads
        # Questions embedded as `transcript-qa serve` embeds them: by the index's ONNX export, not the model
        # loaded above (which a rebuild from the page still finds loaded).
        state = AppState(Path(tmp) / "index", corpus, build_threads=threads)
        if args.load_only:
            with served(state) as (_, url):
                asks_during_rebuild(state, url, args.parallel, args.add, args.seconds)
            return
        from playwright.sync_api import sync_playwright

        from uikit import launch_chromium

        pw = sync_playwright().start()
        browser = launch_chromium(pw)
        with served(state) as (_, url):
            enter_to_cards(browser, url, args.repeat)
            shared_url_to_cards(browser, url, args.repeat)
            if args.parallel:  # 0 skips it
                asks_during_rebuild(state, url, args.parallel, args.add, args.seconds)
        if args.screenshots:
            samples = shutil.copytree(REPO / "corpus" / "samples", Path(tmp) / "samples")
            build_index(samples, Path(tmp) / "samples-index", embedder=embedder)
            with served(AppState(Path(tmp) / "samples-index", samples, embedder=embedder)) as (_, url):
                screenshots(browser, url, args.screenshots)
        browser.close()
        pw.stop()


def enter_to_cards(browser, url: str, repeat: int) -> None:
    from uikit import question_box

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector(".tqa-status:not(.tqa-status-bad)", timeout=60_000)
    box = question_box(page)
    timings = []
    for i in range(3 + repeat):
        page.evaluate(_WATCH)
        box.fill(QUESTIONS[i % len(QUESTIONS)])
        box.press("Enter")
        page.wait_for_function("window.__tqaDone !== null", timeout=60_000)
        if i >= 3:  # the first three warm the page, the model and the caches
            timings.append(page.evaluate("window.__tqaDone - window.__tqaStart"))
    page.close()
    timings.sort()
    print(f"Enter to cards on screen, k=5, median of {repeat} warm questions: {statistics.median(timings):.0f} ms "
          f"(min {timings[0]:.0f}, max {timings[-1]:.0f})")


def shared_url_to_cards(browser, url: str, repeat: int) -> None:
    """Open an address holding a search, as a link someone sent; the first opening fills the browser's cache."""
    from urllib.parse import urlencode

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(_FIRST_CARDS)
    page = context.new_page()
    timings = []
    for i in range(1 + repeat):
        page.goto(url + "?" + urlencode({"q": QUESTIONS[i % len(QUESTIONS)]}))
        page.wait_for_function("window.__tqaCards !== null", timeout=60_000)
        timings.append(page.evaluate("window.__tqaCards"))
    context.close()
    first, warm = timings[0], sorted(timings[1:])
    print(f"shared URL to cards on screen, k=5, median of {repeat} openings: {statistics.median(warm):.0f} ms "
          f"(min {warm[0]:.0f}, max {warm[-1]:.0f}; the very first opening, cache empty: {first:.0f} ms)")


def asks_during_rebuild(state, url: str, parallel: int, added: Path | None = None, seconds: float = 20) -> None:
    """PARALLEL clients asking through the API for `seconds` with no rebuild, then while a rebuild adds
    the transcripts of `added` (or one sample file): latency p50/p95 of both."""
    from gradio_client import Client

    def client():
        return Client(url, verbose=False, analytics_enabled=False, download_files=False)

    c = client()
    alone = []
    for q in QUESTIONS:
        t = time.perf_counter()
        c.predict(q, 5, api_name="/ask")
        alone.append((time.perf_counter() - t) * 1000)
    print(f"ask through the API, one at a time, no rebuild: median {statistics.median(alone):.0f} ms")

    quiet, failures = _asking(client, parallel, threading.Timer(seconds, lambda: None))
    _latencies(f"{parallel} clients asking for {seconds:.0f} s, no rebuild", quiet, failures)

    if added is not None:
        for f in sorted(added.rglob("*")):
            if f.is_file() and f.name != "README.md":
                target = state.corpus_dir / "added" / f.relative_to(added)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(f, target)
    else:
        newcomer = REPO / "corpus" / "samples" / "ministry-water-2025-06-12.txt"
        shutil.copy2(newcomer, state.corpus_dir / ("added-" + newcomer.name))
    rebuild = {}

    def rebuild_now():
        try:
            report = state.rebuild()
            rebuild["line"] = f"{report.seconds:.1f} s, {report.embedded} texts embedded"
        except Exception as exc:  # reported below
            rebuild["line"] = f"failed: {exc!r}"

    busy, failures = _asking(client, parallel, threading.Thread(target=rebuild_now))
    _latencies(f"{parallel} clients asking during a rebuild with {state.build_threads or 'every'} embedding "
               f"thread(s) ({rebuild.get('line', 'failed')})", busy, failures)
    if quiet and busy:
        print(f"p95 during the rebuild / p95 without: {_p95(busy) / _p95(quiet):.2f}")
    print(f"after the rebuild the page answers from version {state.assistant().index.version} "
          f"({len(state.assistant().documents())} transcripts)")


def _asking(client, parallel: int, while_this: threading.Thread) -> tuple[list[tuple[float, int]], list[str]]:
    """(latency ms, passages) of every ask PARALLEL clients make while `while_this` runs."""
    latencies, failures = [], []

    def ask_until_done(n: int):
        mine = client()
        i = n
        while while_this.is_alive():
            t = time.perf_counter()
            try:
                answer = mine.predict(QUESTIONS[i % len(QUESTIONS)], 5, api_name="/ask")
                if not while_this.is_alive():
                    break  # finished after it: not a figure of that time
                latencies.append(((time.perf_counter() - t) * 1000, len(answer["passages"])))
            except Exception as exc:  # reported below
                failures.append(f"ask: {exc!r}")
            i += 1

    while_this.start()
    askers = [threading.Thread(target=ask_until_done, args=(n,)) for n in range(parallel)]
    for t in askers:
        t.start()
    for t in askers + [while_this]:
        t.join()
    return latencies, failures


def _p95(latencies) -> float:
    times = sorted(ms for ms, _ in latencies)
    return times[int(0.95 * (len(times) - 1))]


def _latencies(what: str, latencies, failures) -> None:
    if not latencies:
        print(f"{what}: no ask answered; {len(failures)} failed")
        return
    times = sorted(ms for ms, _ in latencies)
    full = sum(1 for _, n in latencies if n == 5)
    print(f"{what}: {len(times)} asks answered, {full} with all 5 passages, {len(failures)} failed; latency median "
          f"{statistics.median(times):.0f} ms, p95 {_p95(latencies):.0f} ms, max {times[-1]:.0f} ms")
    for f in failures[:5]:
        print("  ", f)


def screenshots(browser, url: str, folder: Path) -> None:
    """The README's pictures: a passage open beside its card on a wide screen; the results on a phone."""
    from uikit import question_box

    folder.mkdir(parents=True, exist_ok=True)
    question = "How fast does a flood warning reach a village?"
    for name, size in (("wide", {"width": 1400, "height": 900}), ("narrow", {"width": 390, "height": 844})):
        page = browser.new_page(viewport=size)
        page.goto(url)
        page.wait_for_selector(".tqa-status:not(.tqa-status-bad)", timeout=60_000)
        question_box(page).fill(question)
        question_box(page).press("Enter")
        page.wait_for_selector(".tqa-card", timeout=60_000)
        if name == "wide":
            page.locator(".tqa-card").first.locator("button[data-action=context]").click()
            page.wait_for_selector("#tqa-context .tqa-here", timeout=60_000)
            page.evaluate("window.scrollTo(0, 0)")
            page.mouse.move(0, 0)
        else:
            question_box(page).evaluate("box => { box.blur(); box.setSelectionRange(0, 0); box.scrollLeft = 0; }")
        page.wait_for_timeout(500)
        path = folder / f"screenshot-{name}.png"
        page.screenshot(path=str(path))
        page.close()
        print(f"screenshot: {path}")


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
