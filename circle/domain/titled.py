"""Choices stored as a short value and shown to people by a title: `OPENING = "opening", "Opening"`."""

from __future__ import annotations

from enum import StrEnum


class TitledEnum(StrEnum):
    """A StrEnum whose members are their value (as stored) and carry a `title` (as shown)."""

    title: str  # shadows str.title: the words for people, not the method

    def __new__(cls, value: str, title: str) -> TitledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.title = title
        return member
