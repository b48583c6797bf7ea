"""`transcript-qa parse FILE`: how one file is read, without building anything."""

import json

import pytest

from conftest import SAMPLES
from test_cli import assert_one_line_error, run

SAMPLE = SAMPLES / "transport-briefing.txt"  # reporters, answers, a label alone on its line


def test_parse_json_lists_format_speakers_and_every_turn():
    code, out, err = run("parse", str(SAMPLE), "--json")
    assert code == 0, err
    record = json.loads(out)
    assert set(record) >= {"file", "format", "title", "date", "speakers", "turns"}
    assert record["file"] == SAMPLE.name and record["format"] == "text"
    assert record["speakers"] and all(s["role"] in ("host", "official", "reporter") for s in record["speakers"])
    turns = record["turns"]
    assert turns and all(set(t) == {"speaker", "role", "question", "time", "page", "start", "end"} for t in turns)
    text = SAMPLE.read_text(encoding="utf-8")
    assert all(0 <= t["start"] < t["end"] <= len(text) for t in turns)
    assert [t["start"] for t in turns] == sorted(t["start"] for t in turns)
    answers = [t for t in turns if t["question"] is not None]
    assert answers and all(turns[t["question"]]["role"] == "reporter" for t in answers)


def test_parse_text_shows_one_line_per_turn_with_its_words():
    code, out, err = run("parse", str(SAMPLE))
    assert code == 0, err
    assert out.startswith(f"File:     {SAMPLE.name}")
    record = json.loads(run("parse", str(SAMPLE), "--json")[1])
    turn_lines = [line for line in out.splitlines() if line.startswith("#")]
    assert len(turn_lines) == len(record["turns"])
    first = record["turns"][0]
    words = " ".join(SAMPLE.read_text(encoding="utf-8")[first["start"]:first["end"]].split())
    assert words[:20] in turn_lines[0]


@pytest.mark.parametrize("name, content, fragment", [
    ("missing.txt", None, "is not a file"),
    ("notes.xyz", b"hello", "is not a transcript format"),
    ("empty.txt", b"   ", "the file is empty"),
    ("binary.txt", bytes(range(256)) * 4, "cannot be read as a transcript"),
])
def test_parse_refuses_in_one_line(tmp_path, name, content, fragment):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run("parse", str(path))
    assert_one_line_error(code, err, fragment)
