"""Messages the group editors send up to the screen that owns the workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from circle.domain.rules import ConfidentialityRules

if TYPE_CHECKING:
    from circle.domain.group import Member
    from circle.workspace import FacilitatorEntry


class ProfileEdited(Message):
    """An editor changed some parts of the group's profile (format=, agreements=, ...).

    Only the parts travel: the screen applies them to the group as it holds it now, so saving
    one tab never brings back another tab's older settings.
    """

    def __init__(self, **parts: object) -> None:
        super().__init__()
        self.parts = parts


class RulesChosen(Message):
    """New confidentiality rules, to be checked for what they would remove before they are kept."""

    def __init__(self, rules: ConfidentialityRules) -> None:
        super().__init__()
        self.rules = rules


class MemberAddRequested(Message):
    def __init__(self, typed_name: str) -> None:
        super().__init__()
        self.typed_name = typed_name


class MemberCareRequested(Message):
    """The highlighted member, and what to do for them: 'rename', 'retire' (or back again), 'merge', 'erase'.
    The screen asks whatever it must (a new name, whom to merge, a confirmation) before anything changes."""

    def __init__(self, action: str, member: Member) -> None:
        super().__init__()
        self.action = action
        self.member = member


class CofacilitatorAddRequested(Message):
    """Someone new to add to the group, with the passphrase they typed (checked twice already)."""

    def __init__(self, handle: str, passphrase: str) -> None:
        super().__init__()
        self.handle = handle
        self.passphrase = passphrase


class FacilitatorRemoveRequested(Message):
    """The highlighted facilitator, to be removed once the facilitator has said yes."""

    def __init__(self, facilitator: FacilitatorEntry) -> None:
        super().__init__()
        self.facilitator = facilitator


class FacilitatorGiveRequested(Message):
    """Give this group to someone who already facilitates another of yours: the screen asks whom."""
