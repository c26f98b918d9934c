"""Themes: the bundled ones are readable by everyone in the room, and a broken file never stops circle."""

from __future__ import annotations

import copy
from itertools import combinations
from pathlib import Path

import pytest
import textual.theme
from textual.color import Color, rgb_to_lab

from circle.ui.themes.files import (
    CIRCLE_VARIABLES,
    BadTheme,
    bundled_themes_dir,
    check_theme_file,
    contrast_goal,
    contrast_ratio,
    load_catalog,
    load_theme_file,
    relative_luminance,
    text_pairs,
)

BUNDLED = ("calm", "daylight", "high-contrast", "night")
# Pure white is 1.0; #D0C8B8, the brightest text night is meant to show, is about 0.58. Textual's
# default text (white at 87% on a dark background) is about 0.73, so 0.6 catches it with room to spare.
NIGHT_BRIGHTEST = 0.6
# A light background: #EEEEEE is about 0.85, and the darkest of Textual's light greys (#D0D0D0) about 0.63.
DAYLIGHT_DARKEST_BACKGROUND = 0.8
# CIE76 ΔE: about 2.3 is the smallest difference anyone notices; 20 and above tells states apart at a glance.
TIMERS_APART = 20

VALID = 'name = "mine"\nprimary = "#336699"\n'


def bundled(name: str):
    return load_theme_file(bundled_themes_dir() / f"{name}.toml")


def write(folder: Path, file_name: str, content: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_every_bundled_theme_loads_and_there_are_exactly_the_four():
    catalog = load_catalog(None)
    assert catalog.failed == []
    assert sorted(catalog.themes) == list(BUNDLED)
    assert catalog.yours == set()


@pytest.mark.parametrize("name", BUNDLED)
def test_every_text_colour_of_a_bundled_theme_meets_its_contrast_goal(name: str):
    theme = bundled(name)
    goal = contrast_goal(name)
    too_faint = [
        f"{label} ({text} on {background}) is {ratio:.2f}:1"
        for label, text, background in text_pairs(theme)
        if (ratio := contrast_ratio(text, background)) < goal
    ]
    assert too_faint == [], f"{name} needs {goal}:1; " + "; ".join(too_faint)


def test_the_text_pairs_cover_what_circle_draws():
    labels = {label for label, _, _ in text_pairs(bundled("calm"))}
    assert {
        "foreground on background", "foreground on surface", "foreground on panel", "text-muted on background",
        "primary on background", "footer key on footer", "footer description on footer",
        "block cursor text on block cursor", *(f"{name} on background" for name in CIRCLE_VARIABLES),
    } <= labels


def test_high_contrast_aims_higher_than_the_others():
    assert contrast_goal("high-contrast") == 7.0
    assert {contrast_goal(name) for name in BUNDLED if name != "high-contrast"} == {4.5}


@pytest.mark.parametrize(
    ("foreground", "background", "expected"),
    [("#FFFFFF", "#000000", 21.0), ("#000000", "#000000", 1.0), ("#777777", "#FFFFFF", 4.48)],
    ids=["white on black", "no contrast", "the classic grey"],
)
def test_contrast_ratio_follows_wcag(foreground: str, background: str, expected: float):
    assert contrast_ratio(foreground, background) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(background, foreground) == pytest.approx(expected, abs=0.01)


def test_a_translucent_text_colour_is_laid_on_its_background_first():
    assert contrast_ratio("#FFFFFF80", "#000000") == contrast_ratio("#808080", "#000000")


@pytest.mark.parametrize("name", BUNDLED)
def test_the_three_timer_colours_of_a_bundled_theme_are_clearly_different(name: str):
    labs = {variable: rgb_to_lab(Color.parse(bundled(name).variables[variable])) for variable in CIRCLE_VARIABLES}
    for first, second in combinations(CIRCLE_VARIABLES, 2):
        distance = sum((a - b) ** 2 for a, b in zip(labs[first], labs[second])) ** 0.5
        assert distance >= TIMERS_APART, f"{name}: {first} and {second} are only {distance:.1f} apart"


def test_night_shows_no_bright_white():
    theme = bundled("night")
    assert theme.dark
    assert relative_luminance(theme.foreground) < NIGHT_BRIGHTEST
    for label, text, _ in text_pairs(theme):
        assert relative_luminance(text) < NIGHT_BRIGHTEST, f"{label} is {text}"


def test_daylight_is_light():
    theme = bundled("daylight")
    assert theme.dark is False
    assert relative_luminance(theme.background) > DAYLIGHT_DARKEST_BACKGROUND


BROKEN_FILES = {
    "bad TOML": ('name = "x\nprimary = "#123456"\n', "line 1"),
    "unknown key": (VALID + 'sparkle = "yes"\n', "unknown key 'sparkle'"),
    "bad colour": (VALID + 'background = "blurple"\n', "'background' is not a colour"),
    "wrong type": (VALID + 'dark = "yes"\n', "'dark' should be true or false"),
    "bad name": ('name = "my theme!"\nprimary = "#336699"\n', "should be 1 to 40 letters"),
    "name too long": (f'name = "{"n" * 41}"\nprimary = "#336699"\n', "should be 1 to 40 letters"),
    "no primary": ('name = "mine"\n', "missing 'primary'"),
    "not UTF-8": ('name = "caf\xe9"\nprimary = "#336699"\n'.encode("latin-1"), "not UTF-8"),
    "too large": (VALID + "# padding\n" * 7000, "larger than 64 KiB"),
    "variables not a table": (VALID + 'variables = "lots"\n', "'variables' should be a table"),
    "variable not text": (VALID + "[variables]\ntimer-over = 3\n", "should be text, not a number"),
    "timer not a colour": (VALID + '[variables]\ntimer-over = "loud"\n', "'timer-over' is not a colour"),
    "nested too deeply": ("a = " + "[" * 5000, "nested too deeply"),
}


@pytest.mark.parametrize(("content", "reason"), BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_a_broken_theme_file_is_set_aside_with_a_one_line_reason(tmp_path: Path, content, reason: str):
    path = write(tmp_path / "themes", "broken.toml", content)
    catalog = load_catalog(tmp_path / "themes")
    assert sorted(catalog.themes) == list(BUNDLED)
    [(failed_path, message)] = catalog.failed
    assert failed_path == path
    assert message.startswith("broken.toml: ") and reason in message
    assert "\n" not in message and len(message) < 200


def test_loading_a_broken_file_raises_bad_theme_with_the_first_problem(tmp_path: Path):
    path = write(tmp_path, "two.toml", 'name = "two"\nprimary = "nope"\ndark = 1\n')
    with pytest.raises(BadTheme, match=r"^two\.toml: 'primary' is not a colour: 'nope'$"):
        load_theme_file(path)


def test_an_unreadable_or_missing_user_folder_still_gives_the_bundled_themes(tmp_path: Path):
    assert sorted(load_catalog(tmp_path / "nowhere").themes) == list(BUNDLED)
    write(tmp_path / "themes" / "folder.toml", "inside.toml", VALID)
    catalog = load_catalog(tmp_path / "themes")
    assert sorted(catalog.themes) == list(BUNDLED)
    assert [message for _, message in catalog.failed] == ["folder.toml: cannot be read (Is a directory)"]


def test_a_user_theme_with_a_bundled_name_replaces_it(tmp_path: Path):
    write(tmp_path, "my-calm.toml", 'name = "calm"\nprimary = "#884488"\n')
    catalog = load_catalog(tmp_path)
    assert catalog.themes["calm"].primary == "#884488"
    assert catalog.yours == {"calm"}
    assert len(catalog.themes) == len(BUNDLED)


def test_a_user_theme_with_a_new_name_is_added(tmp_path: Path):
    write(tmp_path, "mine.toml", VALID)
    catalog = load_catalog(tmp_path)
    assert sorted(catalog.themes) == sorted([*BUNDLED, "mine"])
    assert catalog.yours == {"mine"}
    assert catalog.themes["calm"] == bundled("calm")


def test_user_files_are_read_in_sorted_order_so_the_last_of_one_name_wins(tmp_path: Path):
    write(tmp_path, "b.toml", 'name = "twin"\nprimary = "#222222"\n')
    write(tmp_path, "a.toml", 'name = "twin"\nprimary = "#111111"\n')
    assert load_catalog(tmp_path).themes["twin"].primary == "#222222"


def test_check_theme_file_reports_every_problem_one_line_each(tmp_path: Path):
    path = write(
        tmp_path, "many.toml",
        'name = "bad name"\ndark = "yes"\nsurface = "#12"\nglow = 1\n'
        'luminosity_spread = "wide"\n[variables]\ntimer-over = "loud"\nfooter-background = true\n',
    )
    problems = check_theme_file(path)
    assert problems == [
        "many.toml: missing 'primary'",
        "many.toml: the name 'bad name' should be 1 to 40 letters, digits, '-' or '_'",
        "many.toml: 'dark' should be true or false, not text",
        "many.toml: 'surface' is not a colour: '#12'",
        "many.toml: unknown key 'glow'",
        "many.toml: 'luminosity_spread' should be a number, not text",
        "many.toml: the variable 'timer-over' is not a colour: 'loud'",
        "many.toml: the variable 'footer-background' should be text, not true or false",
    ]


def test_check_theme_file_finds_nothing_wrong_with_a_good_file(tmp_path: Path):
    assert check_theme_file(write(tmp_path, "fine.toml", VALID)) == []
    assert all(check_theme_file(path) == [] for path in bundled_themes_dir().glob("*.toml"))


def test_problems_quote_at_most_a_short_piece_of_the_file(tmp_path: Path):
    secret = "a confidential note " * 200
    path = write(tmp_path, "leaky.toml", f'name = "x"\nprimary = "{secret}"\n"{secret}" = 1\n')
    for problem in check_theme_file(path):
        assert len(problem) < 120 and "\n" not in problem


def test_loading_themes_leaves_textuals_built_in_themes_alone(tmp_path: Path):
    before = copy.deepcopy(textual.theme.BUILTIN_THEMES)
    write(tmp_path, "textual-dark.toml", 'name = "textual-dark"\nprimary = "#884488"\n')
    catalog = load_catalog(tmp_path)
    for theme in [*catalog.themes.values(), *textual.theme.BUILTIN_THEMES.values()]:
        text_pairs(theme)
    assert textual.theme.BUILTIN_THEMES == before


def test_a_theme_without_circles_variables_gets_them_from_its_status_colours(tmp_path: Path):
    path = write(tmp_path, "plain.toml", VALID + 'success = "#00AA00"\nwarning = "#AAAA00"\n[variables]\nx = "y"\n')
    theme = load_theme_file(path)
    assert theme.variables == {
        "x": "y", "timer-on-time": "#00AA00", "timer-last-minute": "#AAAA00",
        "timer-over": theme.to_color_system().generate()["error"],
    }


def test_a_theme_with_its_own_timer_colours_keeps_them(tmp_path: Path):
    path = write(tmp_path, "own.toml", VALID + '[variables]\ntimer-over = "#FF00FF"\n')
    assert load_theme_file(path).variables["timer-over"] == "#FF00FF"
