"""The page's HTML: transcript text is always escaped; marks land on the right characters."""

import html
import re

import pytest

from assistant import Answer, Citation, DocumentInfo, Filters, Passage
from ui import render
from ui.exports import citation_text
from ui.handlers import filters_from, overall_progress
from ui.sharing import Search
from ui.state import Overview
from uikit import assert_only_our_markup

EVIL = "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) ${alert(4)} {{x}}"


def _citation(**kw):
    base = dict(file="a<b>.txt", title="Title <i>x</i>", date="2024-02-02", speaker="Mira <b>Holm</b>",
                paragraph=3, line_start=4, line_end=5, start=10, end=10 + len(EVIL))
    return Citation(**{**base, **kw})


def _passage(quote=EVIL, highlight=(0, 33), **kw):
    return Passage(quote=quote, highlight=highlight, citation=_citation(), score=0.5,
                   question="Why <img src=x onerror=alert(5)>?", role="official", **kw)


def _text_of(fragment: str) -> str:
    """What a browser shows for a fragment of escaped HTML (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_cards_escape_everything_from_the_transcript():
    answer = Answer(question="q", passages=(_passage(also_in=(_citation(file="<svg onload=alert(6)>.txt"),)),),
                    low_confidence=True)
    out = render.answer_html(answer)
    assert_only_our_markup(out)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "Low confidence" in out
    quote = re.search(r'<blockquote class="tqa-quote">(.*?)</blockquote>', out, re.S).group(1)
    assert _text_of(quote) == EVIL
    marked = re.search(r"<mark>(.*?)</mark>", quote, re.S).group(1)
    assert html.unescape(marked) == EVIL[:33]


def test_card_shows_speaker_role_question_one_citation_line_score_and_copy_texts():
    p = _passage(quote="We blocked 3,200 sites. Call the bank.", highlight=(0, 23))
    out = render.passage_html(0, p)
    assert '<span class="tqa-speaker">Mira &lt;b&gt;Holm&lt;/b&gt;</span>' in out
    assert '<span class="tqa-role">official</span>' in out
    assert '<details class="tqa-question"><summary>' in out and "Why &lt;img" in out
    assert "score 0.50" in out
    citations = re.findall(r'<p class="tqa-citation"[^>]*>(.*?)</p>', out)
    assert citations == ["— Mira &lt;b&gt;Holm&lt;/b&gt;, Title &lt;i&gt;x&lt;/i&gt;, 2024-02-02, ¶3, lines 4–5"]
    visible = out.split('<details class="tqa-copy-box">')[0]
    assert "characters" not in re.sub(r'title="[^"]*"', "", visible)  # the span is for copying, not reading
    boxes = dict(re.findall(r'<pre class="tqa-copy" data-style="(\w+)"[^>]*>(.*?)</pre>', out, re.S))
    cited = "Mira <b>Holm</b>, Title <i>x</i>, 2024-02-02, ¶3, lines 4–5 (a<b>.txt, characters 10–107)"
    assert html.unescape(boxes["plain"]) == f"“We blocked 3,200 sites. Call the bank.”\n— {cited}"
    assert html.unescape(boxes["footnote"]) == f"“We blocked 3,200 sites. Call the bank.”[^1]\n\n[^1]: {cited}."


def test_a_long_title_is_cited_in_full_with_time_or_page():
    title = "How is the country getting ready for the main flood season? The ministry answers the questions that matter"
    c = _citation(title=title, time=(754.2, 760.0), line_start=9, line_end=9)
    assert citation_text(c) == f"Mira <b>Holm</b>, {title}, 2024-02-02, ¶3, line 9, at 00:12:34"
    assert citation_text(_citation(title=title, page=17, speaker=None)).endswith(", ¶3, lines 4–5, p. 17")
    assert citation_text(_citation(speaker=None)).startswith("narration, ")


def test_a_quote_that_closes_the_copy_box_stays_inside_it():
    p = _passage(quote="</pre></textarea><script>alert(1)</script>", highlight=(0, 5))
    out = render.passage_html(0, p)
    assert out.count("</pre>") == 2 and "</textarea>" not in out  # the plain and the footnote copy, each closed once
    assert_only_our_markup(out)
    assert_only_our_markup(render.answer_html(Answer("q", (p,), False)))


def test_results_header_says_the_question_count_and_time_and_carries_the_share_link():
    p = _passage(quote="We blocked 3,200 sites.", highlight=(0, 23))
    search = Search("What <b>now</b>?", k=3, speakers=("Mira Holm",))
    answer = Answer("What <b>now</b>?", (p, p), False)
    out = render.answer_html(answer, Filters(speakers=("Mira Holm",)), search, 0.4123)
    assert '<p class="tqa-summary" role="status"><span class="tqa-asked">“What &lt;b&gt;now&lt;/b&gt;?”</span> · ' \
           "2 passages · 0.41 s</p>" in out
    assert 'data-share="?q=What+%3Cb%3Enow%3C%2Fb%3E%3F&amp;k=3&amp;speaker=Mira+Holm"' in out
    assert "Only passages from: speaker Mira Holm" in out
    for action in ("link", "copy-all", "export"):
        assert f'data-action="{action}"' in out
    assert re.findall(r'data-format="(\w+)"', out) == ["md", "csv", "json"]
    note = render.answer_html(Answer("q", (p,), False), note="Asked again on the rebuilt index.")
    assert '<p class="tqa-note">Asked again on the rebuilt index.</p>' in note


def test_a_problem_replaces_the_cards_and_is_escaped():
    out = render.problem_html("no speaker matches '<b>X</b>'")
    assert out == ('<div class="tqa-problem" role="alert"><p>No speaker matches &#x27;&lt;b&gt;X&lt;/b&gt;&#x27;'
                   "</p></div>")


def test_no_passages_and_active_filters_are_said_without_a_low_confidence_line():
    out = render.answer_html(Answer("q", (), True), Filters(speakers=("<b>A</b>",), date_from="2024-01-01"))
    assert "No passages found" in out and "speaker &lt;b&gt;A&lt;/b&gt;" in out and "dated 2024-01-01 to …" in out
    assert "Low confidence" not in out and "0 passages" in out and "data-action" not in out


def test_context_marks_the_passage_and_its_best_sentences_across_lines():
    text = "Line one <b>.\nMira: First sentence. Best <i>one</i>.\n\nSecond paragraph here.\nAfter."
    start = text.index("First")
    end = text.index("here.") + len("here.")
    best = (text.index("Best"), text.index("</i>.") + 5)
    out = render.context_html(_citation(), text, start, end, best)
    assert_only_our_markup(out)
    marked = "".join(re.findall(r'<mark class="tqa-here">(.*?)</mark>', out, re.S))
    assert _text_of(marked) == text[start:end].replace("\n", "")
    assert _text_of("".join(re.findall(r"<strong>(.*?)</strong>", out))) == text[best[0]:best[1]]
    numbers = re.findall(r'<span class="tqa-ln">(\d+)</span>', out)
    assert numbers == ["1", "2", "3", "4", "5"]
    assert out.count('class="tqa-in"') == 3  # lines 2-4, the empty line inside the passage too


def test_examples_and_library_escape_names_and_titles():
    ex = render.examples_html(['What about "<img src=x onerror=alert(1)>"?'])
    assert "<img" not in ex and 'data-question="What about &quot;&lt;img' in ex
    docs = [DocumentInfo(file="x<script>.txt", title="<script>t</script>", date=None, published=None, period=None,
                         speakers=("<b>S</b>",), chunks=3)]
    o = Overview(index_dir="/i", corpus_dir="/c<b>", problem=None, model="m", documents=1, chunks=3,
                 built_at="2024-02-02T10:00:00+00:00", skipped=({"file": "<i>.txt", "reason": "binary"},))
    lib = render.library_html(docs, o)
    assert_only_our_markup(lib)
    assert_only_our_markup(ex)
    assert "undated" in lib and "Not indexed: &lt;i&gt;.txt: binary" in lib
    assert _text_of(render.status_html(o)) == "Model m · 1 transcript · 3 chunks · built 2024-02-02 10:00 UTC"
    assert '<div class="tqa-scroll"><table class="tqa-library">' in lib  # a narrow screen scrolls the table


def test_the_no_index_notice_says_how_to_build_one():
    o = Overview(index_dir="/idx", corpus_dir=None, problem="there is no index at /idx; build one <now>")
    out = render.notice_html(o)
    assert "there is no index at /idx; build one &lt;now&gt;" in out and "--corpus FOLDER" in out
    out = render.notice_html(Overview(index_dir="/idx", corpus_dir="/corpus", problem="no index"))
    assert "Build the index" in out and "transcript-qa build /corpus --index /idx" in out


def test_progress_runs_once_from_zero_to_one_across_the_stages():
    steps = [("reading", 5, 5)] + [("chunking", i, 5) for i in range(6)] + \
            [("embedding", i, 100) for i in range(0, 101, 10)] + [("writing", i, 3) for i in range(4)]
    values = [overall_progress(*s) for s in steps]
    assert values == sorted(values) and values[-1] == 1.0 and 0 < values[0] < 0.1


@pytest.mark.parametrize("given, expected", [
    ((None, None, None, None), Filters()),
    ((["A"], ["x.txt"], "2024-01-01", " 2024-12-31 "), Filters(("A",), ("x.txt",), "2024-01-01", "2024-12-31")),
    (([], [], "", ""), Filters()),
    ((None, None, "2024-01-01 00:00:00", None), Filters(date_from="2024-01-01")),
])
def test_filters_from_the_page(given, expected):
    assert filters_from(*given) == expected


def test_context_of_an_extracted_text_numbers_file_lines_and_shows_times():
    from corpus import Segment, SourceMap

    text = "Ann: Good morning all. Welcome.\n\nBen: Thanks <b>Ann</b>."
    ann, ben = text.index("Good"), text.index("Thanks")
    places = SourceMap(text, (Segment(ann, ann + 17, 4, time=(61.0, 63.5)),
                              Segment(ann + 18, ann + 26, 7, time=(63.5, 64.0)),
                              Segment(ben, len(text), 10, time=(125.0, 128.0))))
    out = render.context_html(_citation(time=(125.0, 128.0)), text, ben, len(text), places=places)
    assert_only_our_markup(out)
    assert re.findall(r'<span class="tqa-ln">(\d+)</span>', out) == ["4", "8", "10"]  # the blank line: after 7
    assert re.findall(r'<span class="tqa-time">([\d:]+)</span>', out) == ["00:01:01", "00:02:05"]
    assert "at 00:02:05" in out  # the citation line names the moment


def test_the_reading_view_lists_every_turn_escaped():
    from corpus import Transcript, Turn

    text = "Q  <script>x</script>?\n\nMS. <b>A</b>:  It is fine."
    q_end = text.index("?") + 1
    turns = (Turn("Q", "reporter", 3, q_end),
             Turn("MS. <b>A</b>", "official", text.index("It"), len(text), question_turn=0, time=(1.0, 2.0),
                  page=3))
    t = Transcript(doc_id="x.md", path="", title="<i>T</i>", date=None, text=text, turns=turns, format="markdown")
    out = render.reading_html(t)
    assert_only_our_markup(out)
    rows = re.findall(r"<tr><td class=\"tqa-num\">(\d+)</td><td>(.*?)</td><td>(\w+)</td>", out)
    assert rows == [("0", "Q", "reporter"), ("1", "MS. &lt;b&gt;A&lt;/b&gt;", "official")]
    assert "00:00:01–00:00:02" in out and "&lt;script&gt;" in out and "markdown" in out
    # The whole transcript to read, lines numbered, nothing marked and no Close button.
    assert re.findall(r'<span class="tqa-ln">(\d+)</span>', out) == ["1", "2", "3"]
    assert "tqa-here" not in out and "tqa-close" not in out
