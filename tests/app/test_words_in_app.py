"""Under Pilot: what circle says when the line is empty and when a meeting closes reads as a peer would say it."""

from __future__ import annotations

from textual.widgets import Static

from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.meeting_summary import MeetingSummaryScreen
from circle.ui.widgets.line import Paragraph
from circle.workspace import Workspace
from tests.app.conftest import at_home, press_keys, said, to_a_sharing_turn

# From home: one meeting, Ada and Alan here, the opening and its agreements, then the check-in, lined up.
TO_THE_CHECK_IN = ("m", "enter", "down", "enter", "n", "r", "n")


def guidance_text(app) -> str:
    return app.screen.query_one("#guidance", Paragraph).content.plain


async def test_an_empty_queue_after_a_turn_invites_more_instead_of_saying_nobody(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (120, 36)) as (app, pilot):
        await to_a_sharing_turn(pilot)
        speaking = "Queue: empty for now (one turn so far); ask if anyone else would like to share"
        assert speaking in guidance_text(app)  # Ada shares first: nobody is asked to go first any more
        await press_keys(pilot, "space")  # Ada's turn ends: she has shared, and nobody else has a hand up
        shown = guidance_text(app)
        assert "nobody" not in shown.lower()
        assert "Queue: empty for now (one turn so far); ask if anyone else would like to share" in shown

        await press_keys(pilot, "space")  # Ada is highlighted and has shared: there is no one to give it to
        assert said(app)[-1] == "The queue is empty for now: ask if anyone else would like to share."


async def test_a_round_everyone_has_spoken_in_says_so_rather_than_that_nobody_is_next(
    workspace_with_group: Workspace,
) -> None:
    async with at_home(workspace_with_group, (120, 36)) as (app, pilot):
        await press_keys(pilot, *TO_THE_CHECK_IN, "space", "space", "space", "space")  # Ada and Alan, done
        await press_keys(pilot, "space")
        assert said(app)[-1] == "Everyone here has had their turn in this round."


async def test_closing_asks_and_then_says_what_is_kept_in_plain_words(workspace_with_group: Workspace) -> None:
    async with at_home(workspace_with_group, (120, 36)) as (app, pilot):
        await to_a_sharing_turn(pilot)
        await press_keys(pilot, "c")
        assert isinstance(app.screen, Confirm)
        question = str(app.screen.question)
        assert "reduced" not in question
        assert question == (
            "Close the meeting now? circle then keeps only the counts and who came; who spoke when is let go."
        )
        await press_keys(pilot, "y")
        assert isinstance(app.screen, MeetingSummaryScreen)
        hints = " ".join(str(hint.render()) for hint in app.screen.query(Static).filter(".hint"))
        assert "gone" not in hints
        assert "That is all circle keeps of this meeting: these counts and who came." in hints
