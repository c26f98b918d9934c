"""Messages the group editors send up to the screen that owns the workspace."""

from __future__ import annotations

from textual.message import Message

from circle.domain.rules import ConfidentialityRules


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
