"""The session engine's tables agree: every event kind has its schema row and its applier, every command its decider."""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

import pytest

from circle.domain.session import EVENT_DATA_KEYS, Command, EventKind
from circle.domain.session.registry import APPLIERS, DECIDERS, Registry
from circle.domain.session.schema import EVENT_SCHEMA


def test_every_event_kind_has_a_schema_row_and_nothing_else_does():
    assert set(EVENT_SCHEMA) == set(EventKind)


def test_the_data_keys_are_the_schema_members():
    assert EVENT_DATA_KEYS == {kind: {field.name for field in fields} for kind, fields in EVENT_SCHEMA.items()}


def test_no_event_kind_names_a_member_twice():
    for kind, fields in EVENT_SCHEMA.items():
        assert len({field.name for field in fields}) == len(fields), kind


def test_every_event_kind_has_an_applier_and_nothing_else_does():
    assert set(APPLIERS) == set(EventKind)


def test_every_command_has_a_decider_and_nothing_else_does():
    assert set(DECIDERS) == set(get_args(Command))
    assert len(get_args(Command)) == 26


def test_a_second_handler_for_one_key_is_refused_rather_than_silently_replacing_the_first():
    table: Registry[str, Callable[..., object]] = Registry()
    table("turn_started")(len)
    with pytest.raises(TypeError):
        table("turn_started")(repr)
    assert table["turn_started"] is len
