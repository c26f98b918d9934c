"""Under Pilot: the meeting's guidance keeps the lines it has when its words get shorter (no new layout of the
screen), and grows when they need more."""

from __future__ import annotations

from textual.app import App, ComposeResult

from circle.ui.widgets.meeting.steady_paragraph import SteadyParagraph
from tests.app.drawn import until_still

THREE_LINES = "one two three four five six seven eight nine ten eleven"


class OneParagraph(App[None]):
    CSS = "SteadyParagraph { width: 20; }"

    def compose(self) -> ComposeResult:
        yield SteadyParagraph("short")


async def test_shorter_words_keep_the_lines_and_longer_ones_add_lines() -> None:
    app = OneParagraph()
    async with app.run_test(size=(40, 10)) as pilot:
        paragraph = app.query_one(SteadyParagraph)
        assert paragraph.size.height == 1

        paragraph.show(THREE_LINES)
        await until_still(pilot)
        assert paragraph.size.height == 3

        layouts = []
        refresh = paragraph.refresh
        paragraph.refresh = lambda *regions, **how: layouts.append(how.get("layout")) or refresh(*regions, **how)
        paragraph.show("the words are fewer")
        await until_still(pilot)
        assert paragraph.content.plain == "the words are fewer"
        assert paragraph.size.height == 3 and not any(layouts)  # the screen was not laid out again

        paragraph.show(THREE_LINES + " twelve thirteen fourteen fifteen sixteen")
        await until_still(pilot)
        assert paragraph.size.height > 3
