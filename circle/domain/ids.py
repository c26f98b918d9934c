"""Random ids for rows and events: 128 bits, so they say nothing and never collide in practice."""

from uuid import uuid4


def new_id() -> str:
    return uuid4().hex
