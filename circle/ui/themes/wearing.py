"""circle's apps wear circle's themes: the bundled four and the person's own, as the config chooses.

Themes are registered on the app; Textual's built-in theme dictionary is never touched. A
theme file that cannot be read is reported once, in one line, and the app carries on.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import App
from textual.theme import Theme

from circle.config import DEFAULT_THEME, Settings, load_settings, save_settings
from circle.domain.errors import CircleError
from circle.domain.text import sanitise_line
from circle.language import _
from circle.paths import Locations
from circle.ui.themes.files import has_timer_colours, load_catalog, timer_colours
from circle.ui.themes.terminals import SIXTEEN_COLOURS, timers_for_sixteen_colours


class CircleThemes(App[None]):
    """Mixed into circle's apps, after `App`."""

    theme_problems: tuple[str, ...] | list[str] = ()
    _where: Locations | None = None

    def wear_themes(self, where: Locations | None) -> None:
        """Register every theme and put on the configured one (the bundled default without a config).

        Call from `__init__`, so that the first paint is already in the right colours.
        """
        self._where = where
        settings, problem = load_settings(where.config_file) if where else (Settings(), None)
        catalog = load_catalog(where.themes if where else None)
        for theme in catalog.themes.values():
            self.register_theme(theme)
        self.theme_problems = [problem] if problem else []
        self.theme_problems += [reason for _, reason in catalog.failed]
        chosen = settings.theme
        if chosen not in self.available_themes:
            if chosen not in catalog.set_aside:  # a theme set aside has had its line already
                shown = sanitise_line(chosen)[:40]
                self.theme_problems.append(
                    _('The theme "{name}" was not found; using {default}.').format(name=shown, default=DEFAULT_THEME)
                )
            chosen = DEFAULT_THEME
        self._put_on_before_running(chosen)

    def _put_on_before_running(self, name: str) -> None:
        """What Textual's theme watcher does, less its refresh of the styles, which are not read yet.

        The watcher would have every stylesheet parsed a second time as the app starts (some 30 ms of
        start-up): once read, they are parsed with the variables given here.
        """
        if self.is_running:
            self.theme = name
            return
        self.set_reactive(App.theme, name)
        theme = self.current_theme
        classes = {old: False for old in self.classes if old.startswith("-theme-")}
        self.update_classes(
            {**classes, f"-theme-{name}": True, "-dark-mode": theme.dark, "-light-mode": not theme.dark}, update=False
        )
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def report_theme_problems(self) -> None:
        for problem in self.theme_problems:
            self.notify(problem, severity="warning", markup=False, timeout=12)

    def remember_theme_changes(self) -> None:
        """A theme picked from the palette is kept in the config for next time."""
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        if self._where is None:
            return
        path = self._where.config_file
        settings, _problem = load_settings(path)  # reported when the themes were put on
        if settings.theme == theme.name:
            return
        try:
            save_settings(path, replace(settings, theme=theme.name))
        except (OSError, CircleError):
            self.notify(_("The theme could not be saved in the config; it applies until circle closes."),
                        severity="warning", markup=False)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """circle's timer colours for any theme, Textual's built-in ones included."""
        theme = self.current_theme
        if has_timer_colours(theme):  # its own win over these: no need to work out its colour system again
            return {}
        return timer_colours(theme, theme.to_color_system().generate())

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables; in a terminal of 16 colours, with timer colours it can still tell apart."""
        variables = super().get_css_variables()  # also kept as self.theme_variables: updated here in place
        if self.console.color_system in SIXTEEN_COLOURS:
            variables.update(timers_for_sixteen_colours(variables, variables["background"], self.current_theme.dark))
        return variables
