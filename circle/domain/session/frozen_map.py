"""An unchangeable dict for event data and state, so nothing reachable from either can change."""

from __future__ import annotations

from typing import Any

_SCALARS = (str, int, float, bool, type(None))


def _freeze_value(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(item, _SCALARS) for item in value):
        return tuple(value)
    raise TypeError("Event data holds only JSON scalars and lists of them.")


class FrozenMap(dict):  # type: ignore[type-arg]
    """A dict that cannot change once built: hashable, comparable with ==, and still a dict for `json`.

    Lists inside are kept as tuples so that nothing reachable from an event or a state can change.
    """

    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raw = dict(*args, **kwargs)
        super().__init__({key: _freeze_value(value) for key, value in raw.items()})

    def _read_only(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("This mapping cannot be changed.")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _read_only

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> Any:
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenMap:
        return self

    def __deepcopy__(self, memo: Any) -> FrozenMap:
        return self
