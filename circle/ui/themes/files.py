"""Themes: TOML files read into Textual themes, each problem reported as one plain line."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path

from textual.app import App
from textual.color import BLACK, Color, ColorParseError
from textual.css.stylesheet import Stylesheet, StylesheetError
from textual.css.tokenizer import TokenError
from textual.theme import Theme
from textual.widget import Widget

from circle.domain.errors import CircleError
from circle.domain.text import sanitise_line
from circle.language import N_, _

CIRCLE_VARIABLES = ("timer-on-time", "timer-last-minute", "timer-over")
# A theme that does not colour the timer gets its own status colours, in the same order.
TIMER_FALLBACKS = dict(zip(CIRCLE_VARIABLES, ("success", "warning", "error")))

MAX_FILE_BYTES = 64 * 1024
STYLES_DIR = Path(__file__).parents[1] / "styles"
_NAME = re.compile(r"[A-Za-z0-9_-]{1,40}")
_COLOUR_KEYS = (
    "primary", "secondary", "accent", "foreground", "background", "surface", "panel", "boost",
    "warning", "error", "success",
)
_NUMBER_KEYS = ("luminosity_spread", "text_alpha")
# Theme's `ansi` is left out on purpose: terminal colours have no fixed value to check contrast against.
_KNOWN_KEYS = ("name", *_COLOUR_KEYS, "dark", *_NUMBER_KEYS, "variables")

# The text circle draws: (label, text colour, background layers from the bottom up), all as
# names from Textual's colour system or the theme's variables. Each layer lies on the theme's background.
_TEXT_PAIRS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("foreground on background", "foreground", ("background",)),
    ("foreground on surface", "foreground", ("surface",)),
    ("foreground on panel", "foreground", ("panel",)),
    ("text on background", "text", ("background",)),
    ("text on surface", "text", ("surface",)),
    ("text-muted on background", "text-muted", ("background",)),
    ("text-muted on surface", "text-muted", ("surface",)),
    ("primary on background", "primary", ("background",)),
    ("warning on background", "warning", ("background",)),
    ("error on background", "error", ("background",)),
    *((f"{name} on background", name, ("background",)) for name in CIRCLE_VARIABLES),
    ("footer key on footer", "footer-key-foreground",
     ("footer-background", "footer-item-background", "footer-key-background")),
    ("footer description on footer", "footer-description-foreground",
     ("footer-background", "footer-item-background", "footer-description-background")),
    ("block cursor text on block cursor", "block-cursor-foreground", ("surface", "block-cursor-background")),
    ("unfocused block cursor text on its cursor", "block-cursor-blurred-foreground",
     ("surface", "block-cursor-blurred-background")),
)
# Variables that take part in those pairs must hold colours, or their contrast could not be measured.
_COLOUR_VARIABLES = frozenset(
    name for _, text, layers in _TEXT_PAIRS for name in (text, *layers) if name not in _COLOUR_KEYS
)


class BadTheme(CircleError):
    """A theme file that cannot be used; the message is '<file name>: <what is wrong>'."""

    theme_name: str | None = None
    """The name the file gives its theme, once it is known to be a good name."""


@dataclass
class ThemeCatalog:
    themes: dict[str, Theme]
    failed: list[tuple[Path, str]]
    set_aside: set[str] = field(default_factory=set)
    """Names of the themes in `failed` whose names could be read."""
    yours: set[str] = field(default_factory=set)
    """Names of the themes read from the person's own folder."""


def bundled_themes_dir() -> Path:
    """Inside an installed wheel the themes are package data; in a checkout they sit beside the package."""
    package = Path(__file__).parents[2]
    packaged = package / "themes"
    return packaged if packaged.is_dir() else package.parent / "themes"


def check_theme_file(path: Path) -> list[str]:
    """Every problem with the file, one line each; an empty list means the theme can be used."""
    try:
        data = _read(path)
    except BadTheme as error:
        return [str(error)]
    problems = _problems_in(data) or _stylesheet_problems(_theme_from(data))
    return [_message(path, problem) for problem in problems]


def load_theme_file(path: Path, *, check_stylesheets: bool = True) -> Theme:
    """The theme in the file, always with circle's timer colours; BadTheme names the first problem.

    `check_stylesheets=False` is for the bundled themes only: their tests parse them, and parsing costs start-up time.
    """
    data = _read(path)
    problems = _problems_in(data)
    if problems:
        raise BadTheme(_message(path, problems[0]))
    theme = _theme_from(data)
    problems = _stylesheet_problems(theme) if check_stylesheets else []
    if problems:
        error = BadTheme(_message(path, problems[0]))
        error.theme_name = theme.name  # so that a config choosing it hears why, not that it is missing
        raise error
    return theme


def load_catalog(user_dir: Path | None) -> ThemeCatalog:
    """The bundled themes, then the person's own; a broken file is set aside with its reason."""
    catalog = ThemeCatalog(themes={}, failed=[])
    for folder, yours in ((bundled_themes_dir(), False), (user_dir, True)):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = load_theme_file(path, check_stylesheets=yours)
            except BadTheme as error:
                catalog.failed.append((path, str(error)))
                if error.theme_name is not None:
                    catalog.set_aside.add(error.theme_name)
                continue
            catalog.themes[theme.name] = theme
            if yours:
                catalog.yours.add(theme.name)
    return catalog


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance: 0 for black, 1 for white."""
    return _luminance(Color.parse(colour))


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio, 1 to 21. A translucent foreground is first laid on the background."""
    under = Color.parse(background).with_alpha(1.0)
    over = under + Color.parse(foreground)
    lighter, darker = sorted((_luminance(over), _luminance(under)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """(label, text hex, background hex) for the text circle draws, as the screen will show it."""
    generated = theme.to_color_system().generate()
    colours = {**generated, **theme.variables, **timer_colours(theme, generated)}
    base = Color.parse(colours["background"]).with_alpha(1.0)
    pairs = []
    for label, text, layers in _TEXT_PAIRS:
        under = base
        for layer in layers:
            under = _over(under, colours[layer])
        pairs.append((label, _over(under, colours[text]).hex6, under.hex6))
    return pairs


def contrast_goal(theme_name: str) -> float:
    """WCAG AAA for the high-contrast theme, AA for the others."""
    return 7.0 if theme_name == "high-contrast" else 4.5


def timer_colours(theme: Theme, generated: dict[str, str]) -> dict[str, str]:
    """circle's timer colours as the theme sets them, or else its success, warning and error colours."""
    return {
        variable: theme.variables.get(variable) or getattr(theme, status) or generated[status]
        for variable, status in TIMER_FALLBACKS.items()
    }


def has_timer_colours(theme: Theme) -> bool:
    return all(theme.variables.get(variable) for variable in CIRCLE_VARIABLES)


def drawn_colour(value: str, under: str) -> str:
    """The hex the screen shows for a colour as Textual CSS writes it, laid on the opaque colour `under`."""
    return _over(Color.parse(under).with_alpha(1.0), value).hex6


def _over(under: Color, value: str) -> Color:
    """A colour as Textual CSS writes it ('#hex', a name or 'auto', then an optional 'NN%') laid on `under`."""
    text, _, percent = value.strip().partition(" ")
    alpha = 1.0
    if percent:
        if not percent.endswith("%"):
            raise ValueError(value)
        alpha = float(percent[:-1]) / 100
        if not 0 <= alpha <= 1:
            raise ValueError(value)
    # 'auto' is Textual's white or black, whichever stands out from what lies beneath.
    colour = under.get_contrast_text(alpha) if text == "auto" else Color.parse(text).multiply_alpha(alpha)
    return under + colour


def _luminance(colour: Color) -> float:
    def linear(channel: int) -> float:
        # WCAG writes 0.03928; no 8-bit channel falls between it and sRGB's 0.04045.
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = colour.rgb
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def _theme_from(data: dict) -> Theme:
    """The Theme for a file's TOML that has no problems."""
    values = {key: float(value) if key in _NUMBER_KEYS else value for key, value in data.items()}
    theme = Theme(**{**values, "variables": dict(data.get("variables", {}))})
    if not has_timer_colours(theme):  # the bundled themes have theirs: no colour system worked out for them
        theme.variables.update(timer_colours(theme, theme.to_color_system().generate()))
    return theme


def _stylesheet_problems(theme: Theme) -> list[str]:
    """The variables Textual cannot read in the stylesheets that use them, one line each.

    A value Textual cannot read would stop the app at start with a page of errors, so it is found here first.
    """
    generated = theme.to_color_system().generate()
    app_sets = {**timer_colours(theme, generated), **generated, **theme.variables}  # as App.get_css_variables
    if _parses(app_sets, _css_using(theme.variables)):
        return []
    # To name the variable at fault: each on its own, over the theme's checked colours without its variables.
    plain = replace(theme, variables={}).to_color_system().generate()
    every_theme_has = {**timer_colours(theme, plain), **plain}
    problems = [
        f"the variable {_shown(name)} holds a value Textual cannot use in its stylesheets: {_shown(value)}"
        for name, value in theme.variables.items()
        if not _parses({**every_theme_has, name: value}, _css_using({name: value}))
    ]
    return problems or ["its variables cannot be read together by Textual"]


def _parses(variables: dict[str, str], sources: tuple[str, ...]) -> bool:
    """Whether Textual parses `sources` with these variables, as an app wearing the theme would."""
    stylesheet = Stylesheet(variables=variables)
    for number, css in enumerate(sources):
        stylesheet.add_source(css, ("theme check", str(number)))
    try:
        stylesheet.parse()
    except (StylesheetError, TokenError):
        return False
    return True


def _css_using(variables: dict[str, str]) -> tuple[str, ...]:
    """The app's own stylesheet, and every other one that names one of the variables."""
    app_css, *others = _every_stylesheet()
    return (app_css, *(css for css in others if any(f"${name}" in css for name in variables)))


@cache
def _every_stylesheet() -> tuple[str, ...]:
    """Textual's app and widget defaults and circle's own files: all that a theme's variables go into."""
    import textual.widgets

    for name in textual.widgets.__all__:
        getattr(textual.widgets, name)  # Textual loads its widgets when first asked for them

    def subclasses(kind: type) -> list[type]:
        return [each for sub in kind.__subclasses__() for each in (sub, *subclasses(sub))]

    widgets = {kind.DEFAULT_CSS for kind in subclasses(Widget) if "DEFAULT_CSS" in vars(kind)}
    own = [path.read_text(encoding="utf-8") for path in sorted(STYLES_DIR.glob("*.tcss"))]
    return (App.DEFAULT_CSS, *own, *sorted(widgets))


def _read(path: Path) -> dict:
    """The file's TOML; BadTheme when it cannot be read or parsed at all."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # never more than the limit, however big the file
    except FileNotFoundError:
        raise BadTheme(_message(path, _("no such file"))) from None
    except OSError as error:
        raise BadTheme(
            _message(path, _("cannot be read ({reason})").format(reason=error.strerror or type(error).__name__))
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise BadTheme(_message(path, _("is larger than {size} KiB").format(size=MAX_FILE_BYTES // 1024)))
    try:
        text = raw.decode("utf-8-sig")  # some editors start UTF-8 files with a byte-order mark
    except UnicodeDecodeError:
        raise BadTheme(_message(path, _("is not UTF-8 text"))) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib's message ends with '(at line N, column M)' and quotes no more than one character.
        raise BadTheme(
            _message(path, _("is not valid TOML: {reason}").format(reason=sanitise_line(str(error))))
        ) from None
    except RecursionError:
        raise BadTheme(_message(path, _("is nested too deeply to read"))) from None


def _problems_in(data: dict) -> list[str]:
    problems = [_("missing '{key}'").format(key=key) for key in ("name", "primary") if key not in data]
    for key, value in data.items():
        if key not in _KNOWN_KEYS:
            problems.append(_("unknown key {key}").format(key=_shown(key)))
        elif key == "variables":
            problems += _variable_problems(value)
        else:
            problems += _value_problems(key, value)
    return problems


def _value_problems(key: str, value: object) -> list[str]:
    expected = TRUE_OR_FALSE if key == "dark" else A_NUMBER if key in _NUMBER_KEYS else TEXT
    if _kind(value) != expected:
        return [_("'{key}' should be {expected}, not {kind}").format(key=key, expected=_(expected), kind=_(_kind(value)))]
    if key == "name" and not _NAME.fullmatch(value):
        return [_("the name {name} should be 1 to 40 letters, digits, '-' or '_'").format(name=_shown(value))]
    if key in _COLOUR_KEYS:
        return _colour_problems(f"'{key}'", value, Color.parse)
    if key in _NUMBER_KEYS and not 0 <= value <= 1:  # NaN and numbers no float holds fail this too
        return [_("'{key}' should be a number from 0 to 1").format(key=key)]
    return []


def _variable_problems(variables: object) -> list[str]:
    if not isinstance(variables, dict):
        return [_("'variables' should be a table, not {kind}").format(kind=_(_kind(variables)))]
    problems = []
    for name, value in variables.items():
        if not isinstance(value, str):
            problems.append(
                _("the variable {name} should be text, not {kind}").format(name=_shown(name), kind=_(_kind(value)))
            )
        elif name in _COLOUR_VARIABLES:
            problems += _colour_problems(_("the variable '{name}'").format(name=name), value, partial(_over, BLACK))
    return problems


def _colour_problems(label: str, value: str, parse) -> list[str]:
    try:
        parse(value)
    except (ColorParseError, ValueError) as error:
        suggestion = getattr(error, "suggested_color", None)
        if suggestion:
            return [
                _("{what} is not a colour: {value} (did you mean '{suggestion}'?)").format(
                    what=label, value=_shown(value), suggestion=suggestion
                )
            ]
        return [_("{what} is not a colour: {value}").format(what=label, value=_shown(value))]
    return []


# The TOML words for a value's type, as a person would write them; compared in English, translated when shown.
TRUE_OR_FALSE, A_NUMBER, TEXT = N_("true or false"), N_("a number"), N_("text")
A_TABLE, A_LIST, A_DATE = N_("a table"), N_("a list"), N_("a date or time")


def _kind(value: object) -> str:
    """The TOML word for a value's type (in English: translate it with `_` to show it)."""
    if isinstance(value, bool):
        return TRUE_OR_FALSE
    if isinstance(value, (int, float)):
        return A_NUMBER
    if isinstance(value, str):
        return TEXT
    if isinstance(value, dict):
        return A_TABLE
    if isinstance(value, list):
        return A_LIST
    return A_DATE


def _shown(text: str, limit: int = 40) -> str:
    """Something from the file, quoted on one line and cut short."""
    cleaned = sanitise_line(text)
    return repr(cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…")


def _message(path: Path, problem: str) -> str:
    return _("{file}: {problem}").format(file=sanitise_line(path.name), problem=problem)
