"""A fresh clone runs its own tests (issue 15, finding 9): without ../shared beside it, the tests that read
it are skipped and the run says so in one line; with CI=true they are required and the run fails."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

# Enough to show both ways: a file that needs ../shared throughout, and one that needs it for one test.
FILES = ["tests/test_parsing.py", "tests/test_eval_questions.py"]


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """The repository's files in a folder with no ../shared beside it."""
    root = tmp_path_factory.mktemp("fresh") / "transcript-qa"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        ".git", ".venv", "test-artifacts", "__pycache__", ".hypothesis", ".pytest_cache", "*.egg-info"))
    assert not (root.parent / "shared").exists()
    return root


def run(clone, ci: bool):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-m", "not model and not browser",
                           *FILES], capture_output=True, text=True, cwd=clone, env=env, timeout=300)


def test_without_shared_the_tests_pass_and_one_line_says_what_was_skipped(clone):
    proc = run(clone, ci=False)
    assert proc.returncode == 0, proc.stdout[-2000:]
    lines = [line for line in proc.stdout.splitlines() if line.startswith("Skipped ")]
    assert len(lines) == 1, proc.stdout[-2000:]
    said = re.fullmatch(r"Skipped (\d+) tests that read \.\./shared \(test_eval_questions\.py \((\d+)\), "
                        r"test_parsing\.py \((\d+)\)\): (\S+) is not there .*", lines[0])
    assert said and int(said[1]) == int(said[2]) + int(said[3]) > 20 and said[4] == str(clone.parent / "shared")
    # pytest's own summary groups them into one line too.
    assert sum(f"SKIPPED [{said[1]}] tests/conftest.py" in line for line in proc.stdout.splitlines()) == 1
    assert " failed" not in proc.stdout and " error" not in proc.stdout


def test_with_ci_the_shared_tests_are_required(clone):
    proc = run(clone, ci=True)
    assert proc.returncode != 0
    assert "CI=true requires the shared data" in proc.stdout
    assert re.search(r"\b\d\d+ (errors|failed)\b", proc.stdout), proc.stdout[-1000:]
