"""`circle group show` and `circle group format export|import`, run as scripts run them: a format handed from one
group to another whole, and a file that is wrong, too large or crafted refused in one line with nothing changed."""

from __future__ import annotations

import re
from pathlib import Path

from circle.domain.format_file import MAX_FORMAT_FILE_BYTES
from tests.cli.test_cli import ok, one_line_error
from tests.conftest import unlocked_workspace

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "format.toml"
FIRST, SECOND = "Tuesday Evening", "Thursday Drop-in"


def two_groups(run_circle) -> None:
    ok(run_circle("group", "add", FIRST))
    ok(run_circle("group", "add", SECOND, "--template", "crisis-60"))


def exported(run_circle, group: str) -> str:
    return ok(run_circle("group", "format", "export", group))


def refused(run_circle, tmp_path: Path, text: str | bytes, group: str = SECOND) -> str:
    """The one line refusing `text` as a format file for `group`, checked to have changed nothing."""
    before = exported(run_circle, group)
    file = tmp_path / "format.toml"
    file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    error = one_line_error(run_circle("group", "format", "import", group, str(file)))
    assert exported(run_circle, group) == before
    return error


def test_the_shipped_example_imports_cleanly_and_show_says_it_in_words(run_circle, vault_home):
    two_groups(run_circle)
    ok(run_circle("group", "format", "import", FIRST, str(EXAMPLE)))
    shown = ok(run_circle("group", "show", FIRST))
    assert "  6. Sharing after the break 20 min, turns of 4 min\n  7. Resources and news 5 min\n" in shown
    assert "Closing prompt: One word for how you leave tonight." in shown
    assert '  - What "recovery" means to me\n' in shown
    assert "Schedule: 2nd Tuesday of the month at 18:30" in shown
    assert re.search(r"Next meeting: Tue \d\d \w{3} \d{4} at 18:30", shown)


def test_a_format_exported_from_one_group_imports_into_another_whole_and_nothing_else_changes(
    run_circle, vault_home, tmp_path
):
    two_groups(run_circle)
    ok(run_circle("group", "format", "import", FIRST, str(EXAMPLE)))
    with unlocked_workspace(vault_home) as workspace:
        kept = workspace.find_group(SECOND)
    out = tmp_path / "shared.toml"
    assert "Wrote the format of Tuesday Evening" in ok(run_circle("group", "format", "export", FIRST, "--out", str(out)))
    ok(run_circle("group", "format", "import", SECOND, str(out)))
    assert exported(run_circle, SECOND) == exported(run_circle, FIRST) == out.read_text(encoding="utf-8")
    with unlocked_workspace(vault_home) as workspace:
        taken = workspace.find_group(SECOND)
    assert (taken.profile.agreements, taken.profile.crisis_resources, taken.rules) == (
        kept.profile.agreements, kept.profile.crisis_resources, kept.rules
    )
    assert taken.profile.format != kept.profile.format


def test_export_never_overwrites_a_file(run_circle, vault_home, tmp_path):
    two_groups(run_circle)
    out = tmp_path / "shared.toml"
    out.write_text("mine", encoding="utf-8")
    assert "already a file" in one_line_error(run_circle("group", "format", "export", FIRST, "--out", str(out)))
    assert out.read_text(encoding="utf-8") == "mine"


def test_a_value_the_format_cannot_have_is_refused_naming_its_line(run_circle, vault_home, tmp_path):
    two_groups(run_circle)
    text = exported(run_circle, FIRST)
    lines = text.splitlines()
    third_minutes = [number for number, line in enumerate(lines, 1) if line.startswith("minutes")][2]
    lines[third_minutes - 1] = "minutes = 500"
    error = refused(run_circle, tmp_path, "\n".join(lines))
    assert error == f"circle: format.toml line {third_minutes}: a part lasts 1 to 240 minutes; nothing was imported.\n"


def test_text_that_is_not_toml_is_refused_naming_its_line(run_circle, vault_home, tmp_path):
    two_groups(run_circle)
    error = refused(run_circle, tmp_path, exported(run_circle, FIRST).replace("version = 1", "version = = 1"))
    assert error.startswith("circle: format.toml line 2: this is not TOML")


def test_a_key_the_file_should_not_have_is_refused_not_ignored(run_circle, vault_home, tmp_path):
    two_groups(run_circle)
    text = exported(run_circle, FIRST).replace("minutes = 10", "minuets = 10", 1)
    assert "a key circle does not know here" in refused(run_circle, tmp_path, text)


def test_an_unknown_version_is_refused_in_one_line(run_circle, vault_home, tmp_path):
    two_groups(run_circle)
    error = refused(run_circle, tmp_path, exported(run_circle, FIRST).replace("version = 1", "version = 2"))
    assert error == "circle: format.toml line 2: version 2 that circle cannot read; it reads version = 1; nothing was imported.\n"


def test_a_file_too_large_is_refused_without_being_read_whole(run_circle, vault_home, tmp_path):
    two_groups(run_circle)
    padding = b"# " + b"x" * MAX_FORMAT_FILE_BYTES + b"\n"
    error = refused(run_circle, tmp_path, padding + exported(run_circle, FIRST).encode("utf-8"))
    assert "larger than a format file may be (64 KiB)" in error


def test_a_crafted_file_with_terminal_escapes_is_refused_without_echoing_them(run_circle, vault_home, tmp_path):
    two_groups(run_circle)
    text = exported(run_circle, FIRST).replace('kind = "break"', 'kind = "\\u001b]0;owned\\u0007\\u001b[2J"')
    error = refused(run_circle, tmp_path, text)
    assert "kind is not a value circle can use here" in error
    assert "\x1b" not in error and "owned" not in error


def test_a_file_that_is_not_utf8_is_refused_naming_its_line(run_circle, vault_home, tmp_path):
    two_groups(run_circle)
    text = exported(run_circle, FIRST)
    line = text.splitlines().index('kind = "opening"') + 1
    broken = text.encode("utf-8").replace(b"opening", b"open\xffing")
    assert f"format.toml line {line}: this is not UTF-8 text" in refused(run_circle, tmp_path, broken)


def test_a_topic_crafted_with_terminal_escapes_is_kept_and_shown_without_them(run_circle, vault_home, tmp_path):
    two_groups(run_circle)
    crafted = EXAMPLE.read_text(encoding="utf-8").replace(
        '"Boundaries"', '"Bound\\u001b]0;owned\\u0007aries\\u001b[2J\\u202e"'
    )
    file = tmp_path / "crafted.toml"
    file.write_text(crafted, encoding="utf-8")
    ok(run_circle("group", "format", "import", SECOND, str(file)))
    shown = ok(run_circle("group", "show", SECOND))
    assert "  - Bound]0;ownedaries[2J\n" in shown
    assert not any(char in shown for char in "\x1b\x07\u202e")
    assert "\x1b" not in exported(run_circle, SECOND)
