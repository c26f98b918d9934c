"""The parts of the meeting, in order: each with its kind, its own name, its minutes and, for rounds, its turn.

Rows are drafts until the format is saved: a part can be added below the one with the focus, removed, or moved
up and down, and what was typed stays as it was typed. Reading them back names the part a problem is in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.meeting_format import MAX_PARTS, ROUND_KINDS, Phase, PhaseKind
from circle.language import N_, _

_NEW_PART_MINUTES = "10"
# A kind's list is the stylesheet's 14 cells wide; a compact list draws its arrow and padding beside the words.
_KIND_WIDTH = 14
_SELECT_FRAME = 4


@dataclass(frozen=True)
class PartDraft:
    """One part as typed: minutes and turn stay text until the format is saved."""

    kind: PhaseKind
    title: str = ""
    minutes: str = _NEW_PART_MINUTES
    turn: str = ""  # blank: the format's default turn for its kind

    @classmethod
    def of(cls, phase: Phase) -> PartDraft:
        turn = "" if phase.turn_minutes is None else f"{phase.turn_minutes:g}"
        return cls(phase.kind, phase.title, str(phase.minutes), turn)


def _in_part(number: int, problem: str) -> InvalidInput:
    """'Part 3: a part lasts 1 to 240 minutes.'"""
    return InvalidInput(_("Part {number}: {problem}").format(number=number, problem=problem[:1].lower() + problem[1:]))


def _turn(text: str) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(_("A turn is a number of minutes, or blank for the usual turn.")) from None
    if not math.isfinite(value):
        raise InvalidInput(_("A turn lasts 0.5 to 30 minutes."))
    return value


def phase_of(draft: PartDraft) -> Phase:
    """The part a draft describes; InvalidInput says what is wrong with it."""
    text = draft.minutes.strip()
    if not text.isdigit() or len(text) > 4:  # four digits is past the 240-minute limit already
        raise InvalidInput(_("A part lasts 1 to 240 minutes."))
    turn = _turn(draft.turn) if draft.kind in ROUND_KINDS else None
    return Phase(draft.kind, int(text), draft.title, turn)


def phases_of(drafts: list[PartDraft]) -> tuple[Phase, ...]:
    """Every part, or InvalidInput naming the first part in trouble by its number."""
    if not drafts:
        raise InvalidInput(_("A meeting needs at least one part."))
    phases = []
    for number, draft in enumerate(drafts, 1):
        try:
            phases.append(phase_of(draft))
        except CircleError as error:
            raise _in_part(number, str(error)) from None
    return tuple(phases)


class PartRow(Horizontal):
    """One part's fields on one line."""

    def __init__(self, index: int, draft: PartDraft) -> None:
        super().__init__(classes="field part", id=f"part-{index}")
        self.index = index
        self.draft = draft

    def compose(self) -> ComposeResult:
        index, draft = self.index, self.draft
        yield Label(f"{index + 1}.", classes="part-number")
        kinds = [(_(kind.title), kind) for kind in PhaseKind]  # in the order a meeting usually runs
        kind = Select(kinds, value=draft.kind, allow_blank=False, id=f"part-kind-{index}", compact=True,
                      classes="part-kind")
        # As wide as its longest kind in this language ("Ronda de llegada"), never narrower than the stylesheet's.
        kind.styles.width = max(_KIND_WIDTH, max(cell_len(title) for title, _kind in kinds) + _SELECT_FRAME)
        yield kind
        placeholder = _("its name") if draft.kind is PhaseKind.OWN else _("its own name (optional)")
        yield Input(draft.title, id=f"part-title-{index}", placeholder=placeholder, compact=True, classes="part-title")
        yield Input(draft.minutes, id=f"part-minutes-{index}", type="integer", compact=True, classes="number")
        yield Label(_("min"), classes="unit")
        if draft.kind in ROUND_KINDS:
            yield Input(draft.turn, id=f"part-turn-{index}", placeholder=_("usual"), type="number", compact=True,
                        classes="number part-turn")
            yield Label(_("min a turn"), classes="unit")

    def typed(self) -> PartDraft:
        """The draft with what is in its fields now."""
        turn = self.query(f"#part-turn-{self.index}").results(Input)
        kind = self.query_one(Select).value
        return replace(
            self.draft,
            kind=kind if isinstance(kind, PhaseKind) else self.draft.kind,  # a row just drawn may not have it yet
            title=self.query_one(f"#part-title-{self.index}", Input).value,
            minutes=self.query_one(f"#part-minutes-{self.index}", Input).value,
            turn=next((field.value for field in turn), self.draft.turn),
        )


class PartsEditor(Vertical):
    """The list of parts and the keys that change it; the format tab saves what it reads from here."""

    BINDINGS = [
        # Unshown: the line above the parts names them, and the footer keeps room for saving and leaving.
        Binding("ctrl+n", "add", N_("Add part"), show=False),
        Binding("ctrl+r", "remove", N_("Remove part"), show=False),
        Binding("ctrl+up", "move(-1)", N_("Move up"), show=False),
        Binding("ctrl+down", "move(1)", N_("Move down"), show=False),
    ]

    def __init__(self, phases: tuple[Phase, ...]) -> None:
        super().__init__(id="parts")
        self.drafts = [PartDraft.of(phase) for phase in phases]

    def compose(self) -> ComposeResult:
        for index, draft in enumerate(self.drafts):
            yield PartRow(index, draft)

    def read(self) -> tuple[Phase, ...]:
        self._take_typed()
        return phases_of(self.drafts)

    def _take_typed(self) -> None:
        self.drafts = [row.typed() for row in self.query(PartRow)]

    def _focused_index(self) -> int | None:
        focused = self.screen.focused
        while focused is not None and not isinstance(focused, PartRow):
            focused = focused.parent if isinstance(focused.parent, Widget) else None
        return focused.index if isinstance(focused, PartRow) else None

    async def _redraw(self, focus: int, field: str = "part-kind") -> None:
        await self.recompose()
        if self.drafts:
            self.query_one(f"#{field}-{focus}").focus()

    async def action_add(self) -> None:
        """A new part below the one with the focus (at the end if none has it); its kind is chosen first."""
        if len(self.drafts) >= MAX_PARTS:
            self.notify(_("A meeting has at most {most} parts.").format(most=MAX_PARTS), severity="error")
            return
        self._take_typed()
        at = self._focused_index()
        at = len(self.drafts) if at is None else at + 1
        self.drafts.insert(at, PartDraft(PhaseKind.SHARING))
        await self._redraw(at)

    async def action_remove(self) -> None:
        at = self._focused_index()
        if at is None:
            return
        if len(self.drafts) == 1:
            self.notify(_("A meeting needs at least one part."), severity="error")
            return
        self._take_typed()
        del self.drafts[at]
        await self._redraw(min(at, len(self.drafts) - 1))

    async def action_move(self, step: int) -> None:
        at = self._focused_index()
        if at is None or not 0 <= at + step < len(self.drafts):
            return
        self._take_typed()
        self.drafts[at], self.drafts[at + step] = self.drafts[at + step], self.drafts[at]
        field = self.screen.focused.id.rsplit("-", 1)[0] if self.screen.focused and self.screen.focused.id else ""
        await self._redraw(at + step, field or "part-kind")

    @on(Select.Changed, ".part-kind")
    async def _kind_changed(self, event: Select.Changed) -> None:
        """A round part has a turn, others not: the row is drawn again for its kind."""
        row = event.select.parent
        if not isinstance(row, PartRow) or event.value == row.draft.kind:
            return
        self._take_typed()
        await self._redraw(row.index)
