"""The real `circle` command, run in subprocesses the way scripts and people run it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from circle import __version__
from circle.domain.templates import TEMPLATES


def one_line_error(result) -> str:
    """A failed command: non-zero exit, exactly one line on stderr, no traceback."""
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_version_prints_the_package_version(run_circle):
    assert ok(run_circle("--version")).strip() == f"circle, version {__version__}"


def test_locate_prints_folders_under_circle_home(run_circle, tmp_path: Path):
    lines = ok(run_circle("locate", home=tmp_path / "elsewhere")).splitlines()
    assert [line.split(":", 1)[0] for line in lines] == ["data", "vault", "config", "themes"]
    for line in lines:
        assert line.split(":", 1)[1].strip().startswith(str(tmp_path / "elsewhere"))


def test_init_creates_a_vault_that_the_next_commands_open_with_the_same_passphrase(run_circle):
    # The one place the real default KDF runs in a subprocess; the other tests use a FLOOR_KDF copy.
    assert "Vault created" in ok(run_circle("init", "--handle", "Sam"))
    assert ok(run_circle("group", "add", "Tuesday")) == "Added Tuesday (Support group · 90 minutes).\n"
    assert ok(run_circle("group", "list")).startswith("Tuesday\tmembers 0\tlast never\tnext ")


def test_a_group_added_from_each_template_shows_in_the_list(run_circle, vault_home):
    for key, template in TEMPLATES.items():
        added = ok(run_circle("group", "add", f"Group {key}", "--template", key, home=vault_home))
        assert added == f"Added Group {key} ({template.title}).\n"
    listed = ok(run_circle("group", "list", home=vault_home)).splitlines()
    assert [line.split("\t")[0] for line in listed] == sorted(f"Group {key}" for key in TEMPLATES)
    assert all("\tmembers 0\tlast never\t" in line for line in listed)


def test_an_unknown_template_is_refused_without_a_traceback(run_circle, vault_home):
    result = run_circle("group", "add", "Tuesday", "--template", "nope", home=vault_home)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_init_twice_is_refused_and_changes_nothing(run_circle, vault_home: Path):
    before = (vault_home / "data" / "circle.db").read_bytes()
    assert "already has a facilitator" in one_line_error(run_circle("init", home=vault_home))
    assert (vault_home / "data" / "circle.db").read_bytes() == before


def test_init_refuses_a_passphrase_that_is_too_short(run_circle):
    assert "at least 8 characters" in one_line_error(run_circle("init", passphrase="short"))


def test_init_refuses_a_passphrase_of_eight_spaces_and_creates_no_vault(run_circle, tmp_path: Path):
    error = one_line_error(run_circle("init", passphrase=" " * 8))
    assert "at least 8 characters" in error
    assert "circle init" in one_line_error(run_circle("group", "list", passphrase=" " * 8))


def test_changing_to_a_passphrase_of_spaces_is_refused_and_the_old_one_still_opens(run_circle, vault_home: Path):
    refused = run_circle("passphrase", home=vault_home, env={"CIRCLE_NEW_PASSPHRASE": " " * 12})
    assert "at least 8 characters" in one_line_error(refused)
    ok(run_circle("group", "list", home=vault_home))


def test_an_empty_vault_asks_for_init_first(run_circle):
    assert "circle init" in one_line_error(run_circle("group", "list"))


def test_members_imported_from_a_csv_are_listed_as_the_names_rule_keeps_them(run_circle, vault_home, tmp_path):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    roster = tmp_path / "roster.csv"
    roster.write_text("\ufeffname,joined\nAda Lovelace,2024-03-01\nGrace Hopper,\n", encoding="utf-8")
    assert ok(run_circle("members", "import", "tuesday", str(roster), home=vault_home)) == (
        "Imported 2 members into Tuesday.\n"
    )
    listed = ok(run_circle("members", "list", "Tuesday", home=vault_home)).splitlines()
    assert listed[0] == "Ada L.\t2024-03-01"
    assert listed[1].startswith("Grace H.\t")
    assert "members 2" in ok(run_circle("group", "list", home=vault_home))


def test_a_bad_csv_names_the_line_and_imports_nobody(run_circle, vault_home, tmp_path):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    roster = tmp_path / "roster.csv"
    roster.write_text("name,joined\nAda,2024-01-01\nGrace,yesterday\n", encoding="utf-8")
    assert "line 3" in one_line_error(run_circle("members", "import", "Tuesday", str(roster), home=vault_home))
    assert ok(run_circle("members", "list", "Tuesday", home=vault_home)) == ""


def test_a_missing_csv_file_gives_one_line(run_circle, vault_home, tmp_path):
    assert "No file at" in one_line_error(run_circle("members", "import", "Tuesday", str(tmp_path / "nope.csv"),
                                                     home=vault_home))


WEIRD_GROUP_NAMES = {
    "markup": ("[bold red]Loud[/] [@click=app.quit]", "[bold red]Loud[/] [@click=app.quit]"),
    "escape sequences": ("\x1b[2J\x1b]0;pwned\x07Clear", "[2J]0;pwnedClear"),
    "bidi override": ("Ada \u202egpj.exe", "Ada gpj.exe"),
    "emoji and CJK": ("🌻 向日葵 Circle", "🌻 向日葵 Circle"),
}


@pytest.mark.parametrize(("typed", "shown"), WEIRD_GROUP_NAMES.values(), ids=WEIRD_GROUP_NAMES.keys())
def test_odd_group_names_are_stored_and_printed_literally(run_circle, vault_home, typed: str, shown: str):
    added = ok(run_circle("group", "add", typed, home=vault_home))
    listed = ok(run_circle("group", "list", home=vault_home))
    assert added.startswith(f"Added {shown} (")
    assert listed.split("\t")[0] == shown
    for output in (added, listed):
        assert "\x1b" not in output and "\u202e" not in output and "\x07" not in output


def test_odd_and_very_long_member_names_are_printed_literally(run_circle, vault_home, tmp_path):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    long_name = "Zoë" + "x" * 76 + "🌻"  # 80 characters: the longest name kept
    roster = tmp_path / "roster.csv"
    roster.write_text(f"name\n[b]Bold[/b]\n\"\x1b[31mRed\x1b[0m\"\n{long_name}\n", encoding="utf-8")
    ok(run_circle("members", "import", "Tuesday", str(roster), home=vault_home))
    listed = ok(run_circle("members", "list", "Tuesday", home=vault_home))
    names = [line.split("\t")[0] for line in listed.splitlines()]
    assert names == ["[31mRed[0m", "[b]Bold[/b]", long_name]
    assert "\x1b" not in listed


def test_a_name_with_a_hidden_zero_width_space_is_kept_and_listed_as_the_name_it_looks_like(
    run_circle, vault_home, tmp_path
):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nJo\u200b F.\nJo F.\n\ufeff\u2060Ma\u00adria👩‍👩‍👧\n", encoding="utf-8")
    ok(run_circle("members", "import", "Tuesday", str(roster), home=vault_home))
    listed = ok(run_circle("members", "list", "Tuesday", home=vault_home))
    # Both are kept as the same "Jo F.", so the list tells them apart (same month: by the start of their ids).
    names = [line.split("\t")[0].split(" (")[0] for line in listed.splitlines()]
    assert names == ["Jo F.", "Jo F.", "Maria👩‍👩‍👧"]
    tags = [line.split("\t")[0] for line in listed.splitlines()[:2]]
    assert tags[0] != tags[1] and all(re.search(r", [0-9a-f]{3,}\)$", tag) for tag in tags)


def test_a_wrong_passphrase_is_one_line_and_no_traceback(run_circle, vault_home):
    assert "passphrase does not open" in one_line_error(run_circle("group", "list", home=vault_home, passphrase="nope"))


def test_an_unknown_group_is_one_line(run_circle, vault_home):
    assert "No group by that name" in one_line_error(run_circle("members", "list", "Nowhere", home=vault_home))


def test_without_a_passphrase_or_a_terminal_the_command_says_how_to_script_it(run_circle, vault_home):
    assert "CIRCLE_PASSPHRASE" in one_line_error(run_circle("group", "list", home=vault_home, passphrase=None))


def test_the_demo_is_built_inside_circle_home_and_opens_with_its_passphrase(run_circle, tmp_path):
    built = ok(run_circle("demo", "--no-open", home=tmp_path / "home")).splitlines()
    demo_home = Path(built[-1])
    assert demo_home.is_relative_to(tmp_path / "home")
    listed = ok(run_circle("group", "list", home=demo_home, passphrase="demo")).splitlines()
    assert len(listed) == 3
    assert all("\tlast 20" in line for line in listed)


def test_the_room_display_with_names_refuses_a_wrong_passphrase_in_one_line(run_circle, vault_home):
    error = one_line_error(run_circle("display", "--names", home=vault_home, passphrase="not the one"))
    assert "passphrase" in error.lower()


def test_the_room_display_with_names_needs_a_vault_and_says_so(run_circle, tmp_path):
    error = one_line_error(run_circle("display", "--names", home=tmp_path / "nothing-here"))
    assert "no vault" in error.lower()


BUNDLED_THEMES = ["calm (bundled) *", "daylight (bundled)", "high-contrast (bundled)", "night (bundled)"]


def test_themes_list_shows_the_bundled_themes_and_marks_calm_as_the_default(run_circle):
    result = run_circle("themes", "list")
    assert ok(result).splitlines() == BUNDLED_THEMES
    assert result.stderr == ""


def test_themes_list_adds_your_themes_marks_the_chosen_one_and_names_broken_files(run_circle, tmp_path):
    home = tmp_path / "home"
    (home / "config" / "themes").mkdir(parents=True)
    (home / "config" / "themes" / "mine.toml").write_text('name = "mine"\nprimary = "#336699"\n', encoding="utf-8")
    (home / "config" / "themes" / "broken.toml").write_text('name = "oops\n', encoding="utf-8")
    (home / "config" / "config.toml").write_text('theme = "mine"\n', encoding="utf-8")
    result = run_circle("themes", "list", home=home)
    assert ok(result).splitlines() == [
        "calm (bundled)", "daylight (bundled)", "high-contrast (bundled)", "mine (yours) *", "night (bundled)",
    ]
    assert result.stderr.startswith("broken.toml: is not valid TOML: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_themes_check_says_ok_for_a_good_file(run_circle, tmp_path):
    theme = tmp_path / "mine.toml"
    theme.write_text('name = "mine"\nprimary = "#336699"\n', encoding="utf-8")
    result = run_circle("themes", "check", str(theme))
    assert ok(result) == f"{theme}: ok\n"
    assert result.stderr == ""


def test_themes_check_prints_every_problem_on_its_own_line_and_fails(run_circle, tmp_path):
    theme = tmp_path / "mine.toml"
    theme.write_text('name = "mine"\nprimary = "blurple"\nsparkle = true\n', encoding="utf-8")
    result = run_circle("themes", "check", str(theme))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "mine.toml: 'primary' is not a colour: 'blurple' (did you mean 'purple'?)",
        "mine.toml: unknown key 'sparkle'",
    ]


def test_themes_check_refuses_a_variable_textual_cannot_parse_in_one_line(run_circle, tmp_path):
    theme = tmp_path / "mine.toml"
    theme.write_text('name = "mine"\nprimary = "#336699"\n[variables]\nborder = "not a colour"\n', encoding="utf-8")
    assert one_line_error(run_circle("themes", "check", str(theme))) == (
        "mine.toml: the variable 'border' holds a value Textual cannot use in its stylesheets: 'not a colour'\n"
    )


def test_themes_check_of_a_missing_file_is_one_line(run_circle, tmp_path):
    assert one_line_error(run_circle("themes", "check", str(tmp_path / "nope.toml"))) == "nope.toml: no such file\n"


TERMINAL_TRICKS = {
    "[@click=app.quit]": "[@click=app.quit]",
    "[link=https://example.org]x[/link]": "[link=https://example.org]x[/link]",
    "\x1b[2J\x1b]8;;http://x\x07Osc": "[2J]8;;http://xOsc",
    "\x1b]52;c;cm0gLXJmIH4=\x07Clip": "]52;c;cm0gLXJmIH4=Clip",
    "Ada\x9bX\x85Y": "AdaXY",
    "\u202eEvil\u2066Iso\u2069": "EvilIso",
}


def test_members_named_with_markup_escapes_and_bidi_overrides_are_listed_literally_without_controls(
    run_circle, vault_home, tmp_path
):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    roster = tmp_path / "roster.csv"
    roster.write_text("name\n" + "\n".join(TERMINAL_TRICKS) + "\n", encoding="utf-8")
    ok(run_circle("members", "import", "Tuesday", str(roster), home=vault_home))
    listed = ok(run_circle("members", "list", "Tuesday", home=vault_home))
    assert sorted(line.split("\t")[0] for line in listed.splitlines()) == sorted(TERMINAL_TRICKS.values())
    assert "[@click=app.quit]\t" in listed
    assert "\x1b" not in listed and "\x07" not in listed
    assert not any(0x80 <= ord(char) <= 0x9F for char in listed)  # no C1 control, such as a one-byte CSI
    assert not set(listed) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def test_a_hundred_kilobyte_name_in_a_csv_is_refused_in_one_line_and_nobody_is_imported(
    run_circle, vault_home, tmp_path
):
    ok(run_circle("group", "add", "Tuesday", home=vault_home))
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nAda Lovelace\n" + "x" * 100_000 + "\n", encoding="utf-8")
    error = one_line_error(run_circle("members", "import", "Tuesday", str(roster), home=vault_home))
    assert "at most 80 characters" in error and "xxx" not in error
    assert ok(run_circle("members", "list", "Tuesday", home=vault_home)) == ""
