"""Question analysis: named speakers and periods, other spellings and acronyms, clauses."""

from datetime import timedelta

import pytest

from assistant import Assistant
from assistant.query import analyse, find_question_periods, find_speakers, period_affinity, without_names
from assistant.terms import alternative_terms, expanded_fts_query, spelling_variants
from corpus.acronyms import background_terms, find_acronyms
from corpus.people import person_names, reporting_lag
from corpus.vocabulary import Vocabulary
from conftest import FakeEmbedder
from corpus import Period
from index.store import Document
from corpus.sentences import sentence_spans
from corpus.vocabulary import learn_vocabulary

NAMES = ("Jin Zhuanglong", "Tao Qing", "Tian Yulong", "Zhao Zhiguo")


def test_people_are_speakers_with_a_name_and_people_narration_quotes():
    speakers = [("Zhao Zhiguo", "official"), ("Shou Xiaoli", "host"), ("Zhongwang Net Journalist", "reporter"),
                ("Deputy Director, Urban Transport Department, Ministry of Transport", "official"),
                (None, "narrator"), ("CCTV reporter", "reporter")]
    narration = ["Jin Zhuanglong said that the ministry will act.",
                 "The Ministry said it would act. Tao Qing stated that exports grew.",
                 "Jin Zhuanglong, Minister of Industry and Information Technology, introduced the plan."]
    # What the corpus writes in lower case is no part of a name: learned from its texts.
    vocabulary = learn_vocabulary(["The deputy director of the department of urban transport said the ministry "
                                   "of transport will act; the ministry said so."] + narration)
    assert person_names(speakers, narration, vocabulary) == ("Jin Zhuanglong", "Shou Xiaoli", "Tao Qing",
                                                             "Zhao Zhiguo")


def test_a_screen_name_in_lower_case_is_a_name_but_a_word_in_lower_case_is_not():
    speakers = [("nixo", "official"), ("potuz dev", "official"), ("host", "host"), ("the chair", "official")]
    vocabulary = learn_vocabulary(["Thanks, nixo. The host opens the call and the chair closes it."])
    assert person_names(speakers, [], vocabulary) == ("nixo", "potuz dev")
    assert find_speakers("What did nixo say about the testnets?", ("nixo", "Pooja Ranjan")) == ("nixo",)


def test_a_label_that_is_a_part_in_the_proceedings_is_named_by_it():
    # "Tutor" and "Student" label a session's two speakers; the corpus writes both words in lower case too.
    speakers = [("Tutor", "official"), ("Student", "official"), ("THE WITNESS", "official"), ("Reporter", "reporter")]
    vocabulary = learn_vocabulary(["The tutor gave the student the ferry timetable, and the witness agreed."])
    names = person_names(speakers, [], vocabulary)
    assert names == ("Student", "Tutor")
    assert find_speakers("What did the tutor say about the ferry timetable?", names) == ("Tutor",)


@pytest.mark.parametrize("question, named", [
    ("What did Zhao Zhiguo say about elderly-friendly internet services?", ("Zhao Zhiguo",)),
    ("what did zhao zhiguo say about 5G?", ("Zhao Zhiguo",)),
    ("What was Tao Qing's view on exports?", ("Tao Qing",)),
    ("What did Mr. Zhao say about apps?", ("Zhao Zhiguo",)),
    ("Did Minister Jin mention robots?", ("Jin Zhuanglong",)),
    ("Did Tian Yulong and Tao Qing agree?", ("Tian Yulong", "Tao Qing")),
    ("How many 5G base stations are there?", ()),
    ("what is the zhao family business?", ()),  # a part of a name in lower case is not a name
    ("What did Zhao say about apps?", ("Zhao Zhiguo",)),  # a part one person's name holds is
])
def test_named_speakers_are_found(question, named):
    assert set(find_speakers(question, NAMES)) == set(named)


@pytest.mark.parametrize("question, named", [
    ("What did the White House say about the budget?", ()),  # a building, not the aide
    ("What are the White House's plans?", ()),
    ("Did Steve Kerr visit the White House?", ("COACH KERR",)),
    ("What did the White House aide say?", ("WHITE HOUSE AIDE",)),
    ("What did House Republicans say about the budget?", ()),  # a part run on into another capitalised word
    ("When did the guest first hear Kagan Ostrow speak?", ()),  # someone else of the same name
    ("What did Justice Kagan ask?", ("JUSTICE KAGAN",)),
    ("What did Kerr say?", ("COACH KERR",)),
    ("What did Chief Justice Roberts ask?", ("CHIEF JUSTICE ROBERTS",)),
    ("What did Roberts ask?", ("CHIEF JUSTICE ROBERTS",)),
    ("Who is Ada Dean?", ()),  # the first name of DEAN VALE, after a first name of someone else's
    ("What did Dean Vale say?", ("DEAN VALE",)),
    ("What did Dean say?", ("DEAN VALE",)),
    ("What did the Port Governor say?", ("GOVERNOR HOLM",)),  # a title, whatever comes before it
])
def test_a_name_built_of_some_words_of_a_speakers_label_is_not_the_speaker(question, named):
    names = ("WHITE HOUSE AIDE", "COACH KERR", "CHIEF JUSTICE ROBERTS", "JUSTICE KAGAN", "JUSTICE ALITO", "DEAN VALE",
             "GOVERNOR HOLM")
    assert set(find_speakers(question, names)) == set(named)


def test_a_title_part_of_another_labels_title_names_no_one():
    names = ("President HOLM", "Judicial President Vale", "Mr. INES")
    assert find_speakers("What did the President of the tribunal tell the witness?", names) == ()
    assert find_speakers("What did the Judicial President rule?", names) == ("Judicial President Vale",)
    assert find_speakers("What did the President say?", ("President HOLM", "Mr. INES")) == ("President HOLM",)


@pytest.mark.parametrize("question, named", [
    ("What did the Chief Justice ask?", ("CHIEF JUSTICE ROBERTS",)),  # one label holds that title
    ("Why did the Chief Justice's question matter?", ("CHIEF JUSTICE ROBERTS",)),
    ("What did the Justice ask?", ()),  # two labels hold it
    ("What did the General concede?", ("GENERAL SAUER",)),
    ("Did the General Assembly vote?", ()),  # the title runs on into another name
    ("Did the general public pay?", ()),  # a title is written capitalised
    ("What did the White House say?", ()),
])
def test_a_title_only_one_speakers_label_holds_names_that_speaker(question, named):
    names = ("CHIEF JUSTICE ROBERTS", "JUSTICE KAGAN", "JUSTICE ALITO", "GENERAL SAUER", "WHITE HOUSE AIDE",
             "MR. KATYAL")
    vocabulary = Vocabulary(frozenset(), frozenset({"general"}))  # the corpus writes "general" in lower case
    assert set(find_speakers(question, names, vocabulary)) == set(named)
    if named:
        content = without_names(question, names, vocabulary=vocabulary)
        assert "Chief Justice" not in content and "General" not in content


def test_names_are_taken_out_of_what_is_matched():
    assert without_names("What did Zhao Zhiguo say about elderly-friendly services?", NAMES) == \
        "What did say about elderly-friendly services?"
    assert without_names("What was Tao Qing’s view on exports?", NAMES) == "What was view on exports?"
    assert without_names("What did Mr. Zhao say about apps?", NAMES) == "What did say about apps?"
    assert without_names("Zhao Zhiguo", NAMES) == "Zhao Zhiguo"  # nothing left: keep the question
    assert without_names("How many base stations?", NAMES) == "How many base stations?"


@pytest.mark.parametrize("question, spans", [
    ("What happened in the first quarter of 2023?", [("2023-01-01", "2023-03-31")]),
    ("Exports in the first half of 2022", [("2022-01-01", "2022-06-30")]),
    ("Output in the first three quarters of 2024", [("2024-01-01", "2024-09-30")]),
    ("Car exports in the first nine months of 2024", [("2024-01-01", "2024-09-30")]),
    ("Which industries grew in January–February 2023?", [("2023-01-01", "2023-02-28")]),
    ("From January to March 2023, how many?", [("2023-01-01", "2023-03-31")]),
    ("How many at the end of March 2023?", [("2023-03-31", "2023-03-31")]),
    ("Growth in Q1 2023", [("2023-01-01", "2023-03-31")]),
    ("What may 2024 bring?", []),  # "may" the verb is not May
    ("What happened in 2023?", []),  # a bare year names no reporting period
    ("Was the PMI back above 50 by mid-2022?", [("2022-06-01", "2022-07-31")]),
    ("Where did things stand by the middle of 2022?", [("2022-06-01", "2022-07-31")]),
])
def test_named_periods_are_found(question, spans):
    assert [(p.start, p.end) for p in find_question_periods(question)] == spans


def test_month_spans_going_backwards_are_not_periods():
    assert find_question_periods("What happened March–January 2023?") == ()


def test_period_affinity_prefers_the_transcript_of_the_period():
    q1 = Period("2023-01-01", "2023-03-31", "first quarter of 2023")
    march = Period("2023-03-01", "2023-03-31", "March 2023")
    h1_2022 = Period("2022-01-01", "2022-06-30", "first half of 2022")
    year_2022 = Period("2022-01-01", "2022-12-31", "2022")
    assert period_affinity(q1, q1, "2023-04-20") == 1.0
    assert period_affinity(march, q1, None) == 1.0  # the transcript covers all of March
    assert period_affinity(year_2022, h1_2022, None) == pytest.approx(181 / 365)
    assert period_affinity(q1, h1_2022, "2022-07-15") == 0.0
    # No period of its own, but held just after the asked one, within the corpus's usual lag.
    lag = reporting_lag([Document(0, "a", "", "t", "2024-10-23", None,
                                  Period("2024-01-01", "2024-09-30", "first three quarters of 2024"), "utf-8", "")])
    assert lag == timedelta(days=23)
    assert period_affinity(q1, None, "2023-04-20", lag) == 0.5
    assert period_affinity(q1, None, "2023-04-20") == 0.0  # no lag learned: only during the period
    assert period_affinity(q1, None, "2023-03-20") == 1.0  # held during the period: what was said then
    assert period_affinity(q1, None, "2023-09-01", lag) == 0.0
    assert period_affinity(q1, None, None) == 0.0
    # A review of the first half announces the plans for the second.
    h2_2022 = Period("2022-07-01", "2022-12-31", "second half of 2022")
    assert period_affinity(h2_2022, h1_2022, None) == 0.5
    assert period_affinity(h2_2022, q1, None) == 0.0


def test_analyse_gives_content_speakers_and_periods_together():
    hints = analyse("What did Tao Qing say about ships in the first quarter of 2023?", NAMES)
    assert hints.content == "What did say about ships in the first quarter of 2023?"
    assert hints.speakers == ("Tao Qing",) and [p.label for p in hints.periods] == ["first quarter of 2023"]
    assert hints.any and not analyse("ships?", NAMES).any


@pytest.mark.parametrize("question, from_reporters", [
    ("How many tanks did a reporter say Britain would ship?", True),
    ("On what date did the lawyers call, according to a reporter?", True),
    ("How many arrests were made, according to one journalist's question?", True),
    ("How many times had she been asked, by one reporter's tally?", True),
    ("What record did the deal set, as noted by a reporter in April?", True),
    ("What did the Xinhua correspondent say about exports?", True),
    ("How many shootings did a reporter count in recent days?", True),
    ("How many times did one correspondent claim the figures were wrong?", True),
    ("What did the reporter ask about the tariffs?", True),
    ("Which metals did the president name, as a reporter recounted?", True),
    ("Who handled the talks in the first term, as one correspondent recalled?", True),
    ("What first did a reporter credit the secretary with?", True),
    ("What rumoured tie did a reporter bring up about the gunman?", True),
    ("Whose belief did the reporter invoke when asking for more seats?", True),
    # The question put is the source.
    ("How many ferries were cancelled, according to a question from the floor?", True),
    ("What share of owners face higher dues, in a question put to the minister?", True),
    ("What did the minister say in answer to the question from the harbour paper?", False),
    # Who asked is what is asked: the asker's label answers it.
    ("Which outlet's reporter asked about the progress of the merger?", True),
    ("Which newspaper asked about the cranes?", True),
    ("Who asked whether the levy would rise?", True),
    ("Which official asked the board to act?", False),
    ("Which agency raised the fares?", False),
    ("What was the reporter told about the schedule?", False),
    ("What did the secretary promise the reporter would get?", False),
    # The reporter asks, someone else answers: the answer is wanted.
    ("Which official answered the Xinhua reporter's question on exports?", False),
    ("How will reporters get access to the border facilities?", False),
    ("How many journalists will have their press passes restored?", False),
    ("Which reporter did the minister call on first?", False),
    ("How did the spokesperson answer when a reporter pressed her on the count?", False),
])
def test_a_question_that_gives_a_reporter_as_its_source(question, from_reporters):
    assert analyse(question, NAMES).from_reporters is from_reporters


COURT = ("JUSTICE BERG", "MR. HOLM", "MS. ADA BROOK", "Cy Dale")


@pytest.mark.parametrize("question, asked, others", [
    # The subject of the question's verb is the one whose words are wanted ...
    ("How did Mr. Holm answer Justice Berg's hypothetical about ferries?", ("MR. HOLM",), ("JUSTICE BERG",)),
    ("What did Justice Berg say about ferries when Holm pressed the point?", ("JUSTICE BERG",), ("MR. HOLM",)),
    ("When Justice Berg asked about ferries, which cases could Holm name?", ("MR. HOLM",), ("JUSTICE BERG",)),
    ("What did Cy Dale say Ada Brook needs to do first?", ("Cy Dale",), ("MS. ADA BROOK",)),
    ("Why didn't Holm and Cy Dale stay for questions from Ada Brook?", ("MR. HOLM", "Cy Dale"), ("MS. ADA BROOK",)),
    # ... unless the question cites its source.
    ("By Justice Berg's count, how many ways had Holm offered?", ("JUSTICE BERG",), ("MR. HOLM",)),
    ("How long had Ada Brook worked there, according to Cy Dale's introduction?", ("Cy Dale",), ("MS. ADA BROOK",)),
    ("How many emergencies were reviewed, per Holm's answer to Justice Berg?", ("MR. HOLM",), ("JUSTICE BERG",)),
    ("How broad was the tariff, as described by Holm in reply to Justice Berg?", ("MR. HOLM",), ("JUSTICE BERG",)),
    # The passive: the one asked is not the one whose words are wanted; the one by whom is.
    ("What was Holm asked by Justice Berg about ferries?", ("JUSTICE BERG",), ("MR. HOLM",)),
    ("What was Holm told by Ada Brook after the recess?", ("MS. ADA BROOK",), ("MR. HOLM",)),
    ("What was Holm doing when Justice Berg asked about ferries?", ("MR. HOLM",), ("JUSTICE BERG",)),
    # A possessive that is no account, and no cue at all, decide nothing.
    ("In Justice Berg's ferry hypothetical, what could a president do?", ("JUSTICE BERG",), ()),
    ("What point from Ada Brook made Cy Dale change course?", ("MS. ADA BROOK", "Cy Dale"), ()),
    ("What did Holm say about ferries?", ("MR. HOLM",), ()),
])
def test_of_several_named_speakers_the_one_whose_words_are_asked_for(question, asked, others):
    hints = analyse(question, COURT)
    assert (hints.speakers, hints.others) == (asked, others)
    # Every name is still left out of what is matched.
    assert not any(n in hints.content for n in ("Holm", "Berg", "Ada Brook", "Cy Dale"))


@pytest.mark.parametrize("question, asked, others", [
    # One name, spoken to or of: the question is about them, and anyone's words may answer it.
    ("Why did the ruling not help Holm?", (), ("MR. HOLM",)),
    ("What did the court order Holm to do next?", (), ("MR. HOLM",)),
    ("What was Holm told about the ferries?", (), ("MR. HOLM",)),
    ("What will happen to Cy Dale after the hearing?", (), ("Cy Dale",)),
    # One name as the subject, or with no cue: their words are asked for.
    ("What did Holm tell the court about ferries?", ("MR. HOLM",), ()),
    ("What will Cy Dale do after the hearing?", ("Cy Dale",), ()),
    ("Holm on the ferry timetable", ("MR. HOLM",), ()),
    ("According to Holm, when do the ferries run?", ("MR. HOLM",), ()),
])
def test_one_named_speaker_spoken_to_or_of_is_not_the_one_whose_words_are_asked_for(question, asked, others):
    hints = analyse(question, COURT)
    assert (hints.speakers, hints.others) == (asked, others)


def test_acronyms_the_transcripts_define_are_found_both_ways():
    texts = ["the difficulties facing small- and medium-sized enterprises (SMEs) were eased",
             "the Ministry of Industry and Information Technology (MIIT) said",
             "the first domestic extracorporeal membrane oxygenation machine (ECMO)",
             "we (the ministry) said", "in Beijing (BJ) today"]
    acronyms = find_acronyms(texts)
    assert acronyms["sme"] == "small and medium-sized enterprises"
    assert acronyms["miit"] == "ministry of industry and information technology"
    assert acronyms["ecmo"] == "extracorporeal membrane oxygenation"
    assert "bj" not in acronyms  # "Beijing" does not spell BJ word by word
    assert "small and medium-sized enterprises" in alternative_terms("How many SMEs?", acronyms)
    assert "miit" in alternative_terms("What will the Ministry of Industry and Information Technology do?",
                                       acronyms)
    # Only what the transcripts define: an acronym they never spell out stays as it is.
    assert alternative_terms("What share of GDP?", acronyms) == []
    query = expanded_fts_query("How many specialised SMEs?", acronyms)
    assert '"specialized"' in query and '"small and medium-sized enterprises"' in query and '"smes"' in query


def test_an_acronym_long_form_stops_at_a_sentence_break_a_line_end_or_200_characters():
    assert find_acronyms(["Exports rose. World Health Organization  (WHO) said"])["who"] == "world health organization"
    # The long form may end a line the bracket starts; it may not run back across a line or a stop.
    assert find_acronyms(["the Federal Reserve Board\n(FRB) met"])["frb"] == "federal reserve board"
    assert find_acronyms(["Federal. Reserve Board (FRB)"]) == {}
    assert find_acronyms(["Federal Reserve\nBoard (FRB)"]) == {}
    far = "Federal Reserve Board " + "x" * 200 + " (FRB)"
    assert find_acronyms([far]) == {}
    assert find_acronyms(["(AB) (CD)", "ab(XY)", ""]) == {}


@pytest.mark.parametrize("word, variants", [
    ("specialised", ["specialized"]), ("organisation", ["organization"]), ("labour", ["labor"]),
    ("rise", []), ("hour", []), ("specialized", []),
])
def test_british_spellings_get_their_american_twins(word, variants):
    assert spelling_variants(word) == variants


def test_long_sentences_are_split_at_semicolons_into_clauses():
    first = "rectify key issues and conduct technical inspections on more than 500,000 apps across stores"
    second = "notify 101 illegal apps and SDKs that broke the rules on personal information collection"
    third = "focus on hot issues such as random jumps and effectively purify the service environment"
    text = f"{first}; {second}; {third}. Short one; not split."
    spans = [text[a:b] for a, b in sentence_spans(text, 0, len(text))]
    assert spans == [f"{first};", f"{second};", f"{third}.", "Short one; not split."]


def test_a_named_speaker_is_preferred_not_required(tmp_path):
    from index import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "briefing.txt").write_text(
        "Port briefing, spring session\n"
        "Port Daily reporter\nHow is harbour traffic this year?\n"
        "Ada Brook: Thank you. Harbour traffic rose by 4 percent and the new quay opened in May.\n"
        "Tide Weekly reporter\nAnd the ferries?\n"
        "Ben Stone: Ferry traffic on the harbour rose by 9 percent, and two new ferries joined the fleet.\n",
        encoding="utf-8")
    build_index(corpus, tmp_path / "index", embedder=FakeEmbedder())
    assistant = Assistant.open(tmp_path / "index", embedder=FakeEmbedder())
    assert "Ada Brook" in assistant._ctx.names and "Ben Stone" in assistant._ctx.names
    plain = assistant.ask("harbour traffic rose", k=2)
    assert {p.citation.speaker for p in plain.passages} == {"Ada Brook", "Ben Stone"}
    for name in ("Ada Brook", "Ben Stone"):
        # The same words once the name is taken out, so only the preference differs.
        named = assistant.ask(f"{name} harbour traffic rose", k=2)
        assert [p.citation.speaker for p in named.passages][0] == name
        assert len(named.passages) == 2  # the other speaker is still shown


@pytest.mark.parametrize("question, content", [
    ("Which life-support machine was developed, according to the April 2023 briefing?",
     "Which life-support machine was developed, ?"),
    ("What is the capacity of the container ship mentioned in the Q1 2023 briefing?",
     "What is the capacity of the container ship ?"),
    ("What did MIIT plan for 5G in factories?", "What did plan for 5G in factories?"),
    ("What will the Ministry of Industry and Information Technology's plan do?", "What will plan do?"),
    ("How many apps did the ministry check at the press conference?", "How many apps did the ministry check ?"),
    ("How many apps were checked?", "How many apps were checked?"),
])
def test_the_briefing_and_background_terms_are_taken_out_of_what_is_matched(question, content):
    background = ("miit", "ministry of industry and information technology")
    assert analyse(question, NAMES, background).content == content
    assert analyse("MIIT?", NAMES, background).content == "MIIT?"  # never an empty question


def test_background_terms_are_acronyms_whose_concept_is_everywhere():
    acronyms = {"miit": "ministry of industry and information technology", "ecmo": "extracorporeal membrane oxygenation"}
    counts = {'"miit" OR "ministry of industry and information technology"': 40,
              '"ecmo" OR "extracorporeal membrane oxygenation"': 2}
    assert background_terms(acronyms, counts.__getitem__, chunks=100) == (
        "miit", "ministry of industry and information technology")
    assert background_terms(acronyms, counts.__getitem__, chunks=1000) == ()


@pytest.mark.parametrize("question, named", [
    ("What did Tomas Inesko say about the dues?", ("Tomas Inesco",)),  # the label spelt a letter apart
    ("What did Inesco say about the dues?", ("Tomas Inesco",)),
    ("What did Mira Brook say about dredging?", ("Mira Brooke",)),
    ("How did Brooke answer?", ("Mira Brooke",)),
    ("What did Mira Brooks say?", ("Mira Brooke",)),
    ("What did Tomas Draper say?", ()),  # a first name run on into another surname
    ("Where is Brockton?", ()),  # two letters apart
    ("What did Karl Holmm say?", ()),  # a name word under five letters has no near spellings
])
def test_a_name_spelt_a_letter_apart_from_a_label_names_that_speaker(question, named):
    assert find_speakers(question, ("Tomas Inesco", "Mira Brooke", "Karl Holm")) == named


@pytest.mark.parametrize("question, matched", [
    ("At the 25 February 2010 committee hearing on harbour pay, why was the special master appointed?",
     "why was the special master appointed?"),
    ("In the July 2026 interview of the minister in Manila, how did he describe the talks?",
     "how did he describe the talks?"),
    ("What will the board ask at the next harbour meeting?", "What will the board ask at the next harbour meeting?"),
    ("Why, at the hearing, did the master resign?", "Why, at the hearing, did the master resign?"),  # not opening it
])
def test_a_question_opening_by_setting_the_scene_is_matched_by_what_it_asks(question, matched):
    assert without_names(question, ()) == matched
