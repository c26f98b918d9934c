"""Padding a sealed value's plaintext to a bucket, so its length tells no more than the bucket it is in.

The padded plaintext is the value, one 0x80 byte, then zero bytes up to the bucket: the smallest of
`floor`, 2 × `floor`, 4 × `floor` … that holds them. Only that exact form opens, so padding cannot be
trimmed or grown unnoticed. Every name, handle and note of an ordinary length fills its column's first
bucket, and so gives the same ciphertext length as every other.
"""

from __future__ import annotations

_MARK = b"\x80"


def bucket(size: int, floor: int) -> int:
    """The smallest bucket that holds `size` bytes."""
    if floor < 1:
        raise ValueError("a bucket floor is at least one byte")
    found = floor
    while found < size:
        found *= 2
    return found


def pad(value: bytes, floor: int) -> bytes:
    size = bucket(len(value) + len(_MARK), floor)
    return value + _MARK + bytes(size - len(value) - len(_MARK))


def unpad(padded: bytes, floor: int) -> bytes | None:
    """The value inside, or None when the padding is not exactly what `pad` makes."""
    stripped = padded.rstrip(b"\x00")
    if not stripped.endswith(_MARK):
        return None
    value = stripped[: -len(_MARK)]
    if len(padded) != bucket(len(value) + len(_MARK), floor):
        return None
    return value
