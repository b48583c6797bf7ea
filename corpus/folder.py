"""Which files of a corpus folder are transcripts to read, and which are skipped and why.

The corpus is what lies inside its folder. A symbolic link that resolves outside it
(to /etc/passwd, to another person's files) is skipped with a reason unless the
caller allows such links; a link loop, a link to nothing and a link to a folder are
listed as skipped too, never silently passed over. Hidden files and folders are not
read.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import CorpusError
from .formats import SUFFIXES
from .records import Skipped

OUTSIDE = "links outside the corpus folder"
LOOP = "it is a symbolic link loop"
DANGLING = "it is a link to a file that does not exist"
FOLDER_LINK = "it is a link to a folder; links to folders are not followed"
NOT_A_FILE = "it is not a regular file"


def scan(folder: str | Path, outside_links: bool = False) -> tuple[list[Path], list[Skipped]]:
    """(transcript files to read, sorted; links and odd entries skipped, with the reason)."""
    root = Path(folder)
    if not root.exists():
        raise CorpusError(f"corpus folder {root} does not exist; name the folder that holds your transcripts")
    if not root.is_dir():
        raise CorpusError(f"{root} is a file, not a folder; name the folder that holds your transcripts")
    inside = root.resolve()
    files: list[Path] = []
    skipped: list[Skipped] = []

    def skip(path: Path, reason: str) -> None:
        skipped.append(Skipped(path.relative_to(root).as_posix(), reason))

    unreadable: list[OSError] = []
    for top, dirs, names in os.walk(root, onerror=unreadable.append, followlinks=False):
        here = Path(top)
        entered = []
        for name in dirs:
            path = here / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                problem = _link_problem(path, inside, outside_links)
                skip(path, problem or FOLDER_LINK)
            else:
                entered.append(name)
        dirs[:] = sorted(entered)
        for name in names:
            path = here / name
            if name.startswith("."):
                continue
            transcript = path.suffix.lower() in SUFFIXES
            if path.is_symlink():
                problem = _link_problem(path, inside, outside_links)
                if problem == LOOP or (problem and transcript):
                    skip(path, problem)
                    continue
            if not transcript:
                continue
            if not path.is_file():
                skip(path, FOLDER_LINK if path.is_dir() else NOT_A_FILE)
                continue
            files.append(path)
    for exc in unreadable:
        if Path(exc.filename) == root:
            raise CorpusError(f"the corpus folder {root} cannot be read ({exc.strerror}); check its permissions")
        skip(Path(exc.filename), f"this folder could not be read ({exc.strerror})")
    order = lambda p: p.relative_to(root).as_posix()  # noqa: E731
    return sorted(files, key=order), sorted(skipped, key=lambda s: s.file)


def _link_problem(path: Path, inside: Path, outside_links: bool) -> str | None:
    """Why the link at `path` is not followed, or None."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return LOOP
    except FileNotFoundError:
        return DANGLING
    except OSError as exc:
        return LOOP if "loop" in str(exc).lower() else DANGLING
    if not outside_links and target != inside and inside not in target.parents:
        return OUTSIDE
    return None
