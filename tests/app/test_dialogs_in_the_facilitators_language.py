"""The dialogs, records and help screens speak the facilitator's language: every word circle writes there went
through the catalog, and in Spanish at 80×24 each sentence that matters is drawn whole."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from circle.language import _
from circle.workspace import Workspace
from tests.app.dialog_scenes import SCENES, Said, Seen
from tests.language_probe import untranslated

Scene = Callable[[Workspace], AsyncIterator[Seen]]


def said(sentence: Said) -> str:
    msgid, values = sentence if isinstance(sentence, tuple) else (sentence, {})
    return _(msgid).format(**values)


@pytest.mark.parametrize("scene", SCENES, ids=lambda scene: scene.__name__)
async def test_every_word_circle_writes_on_the_screen_went_through_the_catalog(
    workspace_with_group: Workspace, in_brackets: None, scene: Scene
) -> None:
    for shown in [shown async for shown in scene(workspace_with_group)]:
        assert untranslated(shown.text, allowed=shown.data) == [], shown.name


@pytest.mark.parametrize("scene", SCENES, ids=lambda scene: scene.__name__)
async def test_in_spanish_at_80x24_each_sentence_is_drawn_whole(
    workspace_with_group: Workspace, in_spanish: None, scene: Scene
) -> None:
    for shown in [shown async for shown in scene(workspace_with_group)]:
        for sentence in shown.whole:
            assert " ".join(said(sentence).split()) in shown.text, shown.name
