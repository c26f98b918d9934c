"""Fields read from outside are taken only with exactly the type and bounds asked for, and a refusal never
repeats what it refused."""

from __future__ import annotations

from datetime import date

import pytest

from circle.domain.json_fields import FieldError, day, exact_object, integer, items, load_json, moment, number, text


@pytest.mark.parametrize("data", [b'{"a": 1, "a": 2}', b'{"a": NaN}', b"\xff", b"[" * 100_000, b"{"])
def test_json_that_circle_would_never_write_is_refused(data: bytes):
    with pytest.raises(FieldError):
        load_json(data)


def test_json_longer_than_its_limit_is_refused_before_it_is_parsed():
    assert load_json(b'{"a": 1}', max_bytes=8) == {"a": 1}
    with pytest.raises(FieldError):
        load_json(b'{"a": 10}', max_bytes=8)


@pytest.mark.parametrize(
    ("read", "value"),
    [
        (lambda v: integer(v), True),
        (lambda v: integer(v), -1),
        (lambda v: integer(v, low=1, high=20), 21),
        (lambda v: number(v, low=0, high=1), 10**400),
        (lambda v: number(v, low=0), float("nan")),
        (lambda v: text(v, min_len=1, max_len=3), ""),
        (lambda v: text(v, max_len=3), "four"),
        (lambda v: items(v, most=2), [1, 2, 3]),
        (lambda v: exact_object(v, ("a",)), {"a": 1, "b": 2}),
        (lambda v: day(v), "20260105"),
        (lambda v: moment(v), "2026-01-05T10:00:00"),
    ],
)
def test_a_value_out_of_type_or_bounds_is_a_field_error(read, value):
    with pytest.raises(FieldError):
        read(value)


def test_a_refusal_does_not_repeat_the_value():
    with pytest.raises(FieldError) as refused:
        text("a private note", max_len=3)
    assert "private" not in str(refused.value)


def test_values_in_bounds_come_back_as_they_are():
    assert integer(20, low=1, high=20) == 20
    assert number(1, low=0, high=1) == 1.0
    assert day("2026-01-05") == date(2026, 1, 5)
    assert text("ok", max_len=2) == "ok"
