"""An XML element's name as the readers of XML formats compare it."""

from __future__ import annotations


def local_name(element) -> str | None:
    """The element's name without its namespace (`{http://www.tei-c.org/ns/1.0}p`: `p`); None for a
    comment or a processing instruction, which has none."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


__all__ = ["local_name"]
