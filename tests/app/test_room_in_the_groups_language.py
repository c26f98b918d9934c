"""The room display and the room page speak the group's language, whatever the facilitator's.

A real meeting on a real vault publishes the board; the real display reads it under Pilot, and the real page's
server answers over HTTP. A board that names a language circle does not speak is read in English.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from textual.widgets import Static

from circle import language
from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.domain.session import NextPhase, Pause
from circle.domain.session.pacer import pacer
from circle.store.room_board import RoomBoard
from circle.ui.room_display import POLL_SECONDS, RoomDisplayApp
from circle.vault.keyring import FLOOR_KDF
from circle.web.server import room_site
from circle.workspace import Meeting, Workspace
from tests.app.conftest import PASSPHRASE
from tests.meeting_builders import to_a_sharing_turn_of

TOKEN = "Bq3xT0k3n-for-these-tests-only_9Zr"
SPANISH = language.words_for("es")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def workspace(tmp_path: Path, clock: FakeClock) -> Iterator[Workspace]:
    with Workspace.open(tmp_path, kdf=FLOOR_KDF, clock=clock) as opened:
        opened.create_facilitator("Sam", PASSPHRASE)
        yield opened


@pytest.fixture
def facilitator_in_spanish() -> Iterator[None]:
    language.use("es")
    yield
    language.use(language.ENGLISH)


def _in_a_sharing_turn(workspace: Workspace, group_language: str) -> Meeting:
    group = workspace.create_group("Martes", language=group_language)
    member = workspace.add_member(group.id, "Ada Lovelace")
    meeting = workspace.meeting(group.id)
    to_a_sharing_turn_of(meeting, member.id)
    return meeting


def _board(workspace: Workspace) -> RoomBoard:
    return RoomBoard(workspace.locations.room_file)


def _shown(app: RoomDisplayApp, part: str) -> str:
    return str(app.query_one(f"#room-{part}", Static).render())


async def _displayed(workspace: Workspace) -> dict[str, str]:
    app = RoomDisplayApp(_board(workspace), clock=workspace.clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(POLL_SECONDS)
        return {part: _shown(app, part) for part in ("headline", "state", "caption", "footnote", "pacer")}


async def test_a_spanish_groups_display_speaks_spanish_while_the_facilitator_reads_english(
    workspace: Workspace,
) -> None:
    _in_a_sharing_turn(workspace, "es")
    shown = await _displayed(workspace)
    assert shown["headline"].startswith("Compartir · parte 3 de")
    assert shown["caption"] == "Alguien está compartiendo"
    assert shown["state"] == "○ a tiempo"
    assert "Compartir: quedan" in shown["footnote"] and "Reunión: quedan" in shown["footnote"]
    assert language.current() == "en"


async def test_an_english_groups_display_speaks_english_while_the_facilitator_reads_spanish(
    workspace: Workspace, facilitator_in_spanish: None
) -> None:
    _in_a_sharing_turn(workspace, "en")
    shown = await _displayed(workspace)
    assert shown["headline"].startswith("Sharing · part 3 of")
    assert shown["caption"] == "Someone is sharing"
    assert shown["state"] == "○ on time"
    assert "Meeting:" in shown["footnote"] and "left" in shown["footnote"]


async def test_the_pacer_breathes_in_the_groups_language_during_a_break(workspace: Workspace) -> None:
    meeting = _in_a_sharing_turn(workspace, "es")
    while meeting.state.phase is not PhaseKind.BREAK:
        meeting.do(NextPhase(confirmed=True))
    shown = await _displayed(workspace)
    assert shown["headline"].startswith("Descanso · parte")
    assert shown["pacer"] == pacer(0, SPANISH) == "Inhalamos …"


async def test_the_paused_meeting_is_said_paused_in_the_groups_language(workspace: Workspace) -> None:
    meeting = _in_a_sharing_turn(workspace, "es")
    meeting.do(Pause())
    shown = await _displayed(workspace)
    assert shown["state"] == "‖ en pausa"


def _with_board_language(workspace: Workspace, code: object) -> None:
    path = workspace.locations.room_file
    body = json.loads(path.read_text())
    body["language"] = code
    path.write_text(json.dumps(body))


@pytest.mark.parametrize("crafted_code", ["fr", "xx" * 2000, 5, None, ["es"], "ES"])
async def test_a_board_naming_a_language_circle_does_not_speak_is_shown_in_english(
    workspace: Workspace, crafted_code: object
) -> None:
    _in_a_sharing_turn(workspace, "es")
    _with_board_language(workspace, crafted_code)
    published = _board(workspace).read()
    assert published is not None and published.language == "en"
    shown = await _displayed(workspace)
    assert shown["caption"] == "Someone is sharing"


async def test_a_board_written_before_languages_is_shown_in_english(workspace: Workspace) -> None:
    _in_a_sharing_turn(workspace, "es")
    path = workspace.locations.room_file
    body = json.loads(path.read_text())
    del body["language"]
    body["view"]["part_title"] = "Sharing"  # an older circle wrote the kind's English name
    path.write_text(json.dumps(body))
    shown = await _displayed(workspace)
    assert shown["headline"].startswith("Sharing · part 3 of")


async def test_with_no_meeting_the_display_speaks_the_facilitators_language(
    workspace: Workspace, facilitator_in_spanish: None
) -> None:
    shown = await _displayed(workspace)
    assert shown["caption"] == "No hay ninguna reunión en curso."


async def test_a_part_of_the_groups_own_keeps_its_own_name_on_the_display(workspace: Workspace) -> None:
    meeting = _in_a_sharing_turn(workspace, "es")
    published = _board(workspace).read()
    assert published is not None and published.view.part_title == ""  # a kind's name: the display says it
    assert meeting.state.part is not None and meeting.state.part.title == ""


# the room page ------------------------------------------------------------------------------------------


@pytest.fixture
async def client(workspace: Workspace, clock: FakeClock) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(room_site(_board(workspace), TOKEN, clock))) as opened:
        yield opened


async def _room(client: TestClient) -> dict:  # type: ignore[type-arg]
    answer = await client.get(f"/{TOKEN}/room.json")
    assert answer.status == 200
    return await answer.json()


async def _page(client: TestClient) -> str:
    answer = await client.get(f"/{TOKEN}/")
    assert answer.status == 200
    return await answer.text()


async def test_a_spanish_groups_room_page_speaks_spanish_while_the_facilitator_reads_english(
    workspace: Workspace, client: TestClient
) -> None:
    _in_a_sharing_turn(workspace, "es")
    room = await _room(client)
    assert room["language"] == "es"
    assert room["headline"].startswith("Compartir · parte 3 de")
    assert room["caption"] == "Alguien está compartiendo"
    assert room["part_title"] == "Compartir"
    assert room["states"] == {"on_time": "a tiempo", "last_minute": "último minuto", "over": "tiempo cumplido"}
    assert room["breath"] == [["Inhalamos …", 4], ["Sostenemos …", 2], ["Exhalamos, despacio …", 6]]
    assert room["words"]["left"] == "quedan {time}" and room["words"]["paused"] == "en pausa"
    page = await _page(client)
    assert '<html lang="es">' in page
    assert "Esperando noticias de circle en este portátil …" in page
    assert "Sin noticias de circle en este portátil." in page
    assert "Waiting to hear" not in page


async def test_an_english_groups_room_page_speaks_english_while_the_facilitator_reads_spanish(
    workspace: Workspace, client: TestClient, facilitator_in_spanish: None
) -> None:
    _in_a_sharing_turn(workspace, "en")
    room = await _room(client)
    assert room["language"] == "en"
    assert room["caption"] == "Someone is sharing"
    assert room["states"]["on_time"] == "on time"
    assert room["words"]["meeting"] == "Meeting: {left}"
    page = await _page(client)
    assert '<html lang="en">' in page and "Waiting to hear from circle on this laptop …" in page


async def test_the_spanish_page_keeps_the_policy_its_script_and_style_were_hashed_for(
    workspace: Workspace, client: TestClient
) -> None:
    english = await client.get(f"/{TOKEN}/")
    _in_a_sharing_turn(workspace, "es")
    spanish = await client.get(f"/{TOKEN}/")
    assert spanish.headers["Content-Security-Policy"] == english.headers["Content-Security-Policy"]
    english_text, spanish_text = await english.text(), await spanish.text()
    for tag in ("script", "style"):
        assert english_text.split(f"<{tag}>")[1].split(f"</{tag}>")[0] == spanish_text.split(f"<{tag}>")[1].split(
            f"</{tag}>"
        )[0]


async def test_a_crafted_board_language_makes_an_english_room_page(workspace: Workspace, client: TestClient) -> None:
    _in_a_sharing_turn(workspace, "es")
    _with_board_language(workspace, "<script>alert(1)</script>")
    room = await _room(client)
    assert room["language"] == "en" and room["caption"] == "Someone is sharing"
    page = await _page(client)
    assert "alert" not in page and '<html lang="en">' in page
