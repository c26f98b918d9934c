"""The real `circle` command speaking Spanish: chosen by config.toml or the system, for every group of commands.

Each group of commands gets a success and a refusal, run in a subprocess with the language set as a person
would set it. A made-up bracketed language then shows any word of the help that never went through a catalog.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import ok, one_line_error
from tests.language_probe import untranslated

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def in_spanish(run_circle):
    """`run_circle` with the system's language set to Spanish (and English's other variables left as they are)."""

    def run(*args: str, env: dict[str, str] | None = None, **options):
        return run_circle(*args, env={"LANGUAGE": "es", **(env or {})}, **options)

    return run


def configured(home: Path, language: str) -> None:
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text(f'language = "{language}"\n', encoding="utf-8")


def a_group(run_circle, home: Path, name: str = "Martes") -> None:
    ok(run_circle("group", "add", name, home=home))


# The top level and click's own words


def test_the_top_level_help_is_in_spanish_with_clicks_own_words(in_spanish):
    shown = ok(in_spanish("--help"))
    for words in ("Uso:", "Opciones:", "Comandos:", "Muestra este mensaje y sale.", "Muestra la versión y sale.",
                  "Un compañero tranquilo para quienes facilitan grupos de apoyo mutuo."):
        assert words in shown


def test_an_unknown_command_and_a_missing_argument_are_refused_in_clicks_words_in_spanish(in_spanish, vault_home):
    unknown = in_spanish("nope", home=vault_home)
    assert unknown.returncode == 2
    assert "No existe el comando 'nope'." in unknown.stderr and "para ver la ayuda" in unknown.stderr
    missing = in_spanish("group", "add", home=vault_home).stderr
    assert "Falta un argumento 'NAME'." in missing
    wrong = in_spanish("trends", "--by", "year", home=vault_home).stderr
    assert "Valor no válido para '--by'" in wrong


def test_init_and_purge_speak_spanish_and_init_twice_is_refused_in_spanish(in_spanish, vault_home, tmp_path):
    assert ok(in_spanish("init", "--handle", "Sam", home=tmp_path / "new")).startswith("Bóveda creada.")
    assert "ya tiene quien la facilite" in one_line_error(in_spanish("init", home=vault_home))
    assert ok(in_spanish("purge", home=vault_home)) == "Nada había caducado; no se eliminó nada.\n"


def test_a_wrong_passphrase_is_refused_in_spanish(in_spanish, vault_home):
    refused = one_line_error(in_spanish("group", "list", home=vault_home, passphrase="not this one"))
    assert refused == "circle: Esa frase de contraseña no abre esta bóveda.\n"


# group


def test_group_add_and_delete_speak_spanish(in_spanish, vault_home):
    assert ok(in_spanish("group", "add", "Martes", home=vault_home)) == "Añadido Martes (Grupo de apoyo · 90 minutos).\n"
    assert ok(in_spanish("group", "list", home=vault_home)).startswith("Martes\tparticipantes 0\túltima nunca\t")
    assert "Añade --yes para borrar un grupo desde un script." in one_line_error(
        in_spanish("group", "delete", "Martes", home=vault_home)
    )
    assert ok(in_spanish("group", "delete", "Martes", "--yes", home=vault_home)) == "Borrado Martes.\n"


def test_a_group_meets_in_the_language_given_and_show_says_it_in_the_facilitators(run_circle, in_spanish, vault_home):
    ok(run_circle("group", "add", "Tuesday", "--language", "es", home=vault_home))
    in_english = ok(run_circle("group", "show", "Tuesday", home=vault_home))
    assert "Language: Español" in in_english and "  1. Opening 10 min" in in_english
    assert "Ronda de llegada" in in_english  # its prompts were written in the group's language
    in_spanish_too = ok(in_spanish("group", "show", "Tuesday", home=vault_home))
    assert "Idioma: Español" in in_spanish_too and "Horario: sin definir" in in_spanish_too
    assert "Próxima reunión: sin definir" in in_spanish_too
    refused = in_spanish("group", "add", "Miércoles", "--language", "fr", home=vault_home)
    assert refused.returncode == 2 and "Valor no válido para '--language'" in refused.stderr


# members


def test_members_import_speaks_spanish_and_a_missing_file_is_refused_in_spanish(in_spanish, vault_home, tmp_path):
    a_group(in_spanish, vault_home)
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nAna\nBea\n", encoding="utf-8")
    assert ok(in_spanish("members", "import", "Martes", str(roster), home=vault_home)) == (
        "2 participantes importados en Martes.\n"
    )
    assert "No hay ningún archivo en" in one_line_error(
        in_spanish("members", "import", "Martes", str(tmp_path / "none.csv"), home=vault_home)
    )


# meeting


def test_meeting_cancel_speaks_spanish_and_a_bad_date_is_refused_in_spanish(in_spanish, vault_home):
    a_group(in_spanish, vault_home)
    said = ok(in_spanish("meeting", "cancel", "Martes", "--date", "2026-12-15", "--reason", "holiday", home=vault_home))
    assert said == "Martes: el mar 15 dic 2026 queda cancelado (día festivo).\n"
    assert ok(in_spanish("meeting", "list", "Martes", home=vault_home)) == "2026-12-15\tcancelada\t-\t-\tdía festivo\n"
    assert "lleva una fecha AAAA-MM-DD" in one_line_error(
        in_spanish("meeting", "list", "Martes", "--since", "15/12/2026", home=vault_home)
    )


# notes


def test_notes_help_speaks_spanish_and_an_unknown_group_is_refused_in_spanish(in_spanish, vault_home):
    assert "Seguimientos y las demás notas breves" in ok(in_spanish("notes", "--help"))
    assert "También los seguimientos ya hechos" in ok(in_spanish("notes", "list", "--help"))
    assert "circle group list" in one_line_error(in_spanish("notes", "list", "Nadie", home=vault_home))


# handoff


def test_handoff_export_speaks_spanish_and_an_import_from_a_script_without_the_code_is_refused_in_spanish(
    in_spanish, vault_home, tmp_path
):
    a_group(in_spanish, vault_home)
    bundle = tmp_path / "martes.circlehandoff"
    printed = ok(in_spanish("handoff", "export", "Martes", "--out", str(bundle), home=vault_home))
    assert printed.startswith("Traspaso de Martes escrito en") and "Lee este código en voz alta" in printed
    assert "No hay terminal para pedir el código; en scripts, define CIRCLE_HANDOFF_CODE." in one_line_error(
        in_spanish("handoff", "import", str(bundle), home=vault_home)
    )


# lead


def test_lead_refuses_in_spanish_before_a_key_and_init_speaks_spanish(in_spanish, tmp_path):
    home = tmp_path / "lead"
    assert one_line_error(in_spanish("lead", "key", home=home)) == (
        "circle: Aún no hay clave de coordinación aquí; ejecuta primero 'circle lead init'.\n"
    )
    made = ok(in_spanish("lead", "init", home=home, env={"CIRCLE_LEAD_PASSPHRASE": "a lead passphrase"}))
    assert made.startswith("Clave de coordinación creada.") and "no es secreta" in made


# facilitator and passphrase


def test_facilitator_list_marks_you_in_spanish_and_removing_nobody_is_refused_in_spanish(in_spanish, vault_home):
    a_group(in_spanish, vault_home)
    assert ok(in_spanish("facilitator", "list", "Martes", home=vault_home)) == "Sam (tú)\n"
    assert "Nadie con ese alias facilita este grupo" in one_line_error(
        in_spanish("facilitator", "remove", "Martes", "Nadie", "--yes", home=vault_home)
    )


def test_passphrase_speaks_spanish_and_a_script_without_the_new_one_is_refused_in_spanish(in_spanish, vault_home):
    assert "nueva frase de contraseña" in one_line_error(in_spanish("passphrase", home=vault_home))
    changed = in_spanish("passphrase", home=vault_home, env={"CIRCLE_NEW_PASSPHRASE": "another long passphrase"})
    assert ok(changed).startswith("Frase de contraseña cambiada.")


# themes, trends, display, demo


def test_themes_list_speaks_spanish_and_an_unknown_subcommand_is_refused_in_spanish(in_spanish, vault_home):
    assert "calm (incluido) *" in ok(in_spanish("themes", "list", home=vault_home)).splitlines()
    assert "No existe el comando 'nope'." in in_spanish("themes", "nope", home=vault_home).stderr


def test_trends_help_speaks_spanish_and_its_refusals_are_spanish(in_spanish, vault_home):
    assert "Tendencias de asistencia de tus grupos" in ok(in_spanish("trends", "--help"))
    assert "nunca se escribe en un CSV" in one_line_error(
        in_spanish("trends", "--names", "--format", "csv", home=vault_home)
    )
    assert one_line_error(in_spanish("trends", home=vault_home)) == "circle: no hay reuniones en este intervalo.\n"


def test_display_help_speaks_spanish_and_a_port_without_web_is_refused_in_spanish(in_spanish, vault_home):
    assert "Abre la pantalla de la sala" in ok(in_spanish("display", "--help"))
    assert one_line_error(in_spanish("display", "--port", "8080", home=vault_home)) == (
        "circle: --port y --no-open van con --web.\n"
    )


def test_demo_help_speaks_spanish_and_a_number_out_of_range_is_refused_in_spanish(in_spanish, tmp_path):
    shown = ok(in_spanish("demo", "--help"))
    assert "Crea (una vez) y abre una bóveda de demostración" in shown and "[por defecto: 3;" in shown
    refused = in_spanish("demo", "--no-open", "--groups", "0", home=tmp_path / "demo")
    assert refused.returncode == 2 and "Valor no válido para '--groups'" in refused.stderr


# How the language is chosen


def test_the_configured_language_beats_the_systems(run_circle, vault_home):
    configured(vault_home, "es")
    spoken = run_circle("purge", home=vault_home, env={"LANG": "en_US.UTF-8", "LANGUAGE": "en"})
    assert ok(spoken) == "Nada había caducado; no se eliminó nada.\n"
    configured(vault_home, "en")
    assert ok(run_circle("purge", home=vault_home, env={"LANGUAGE": "es"})) == (
        "Nothing had expired; nothing was removed.\n"
    )
    usage = run_circle("group", "add", home=vault_home, env={"LANGUAGE": "es", "LANG": "es_ES.UTF-8"}).stderr
    assert "Missing argument 'NAME'." in usage  # click follows circle's choice, not the system's


def test_the_systems_language_is_read_from_lang_when_nothing_is_configured(run_circle, vault_home):
    env = {"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "es_MX.UTF-8"}
    assert ok(run_circle("purge", home=vault_home, env=env)) == "Nada había caducado; no se eliminó nada.\n"


def test_a_language_circle_does_not_speak_falls_back_to_english(run_circle, vault_home):
    assert ok(run_circle("purge", home=vault_home, env={"LANGUAGE": "fr"})) == (
        "Nothing had expired; nothing was removed.\n"
    )
    configured(vault_home, "xx")
    assert ok(run_circle("purge", home=vault_home, env={"LANGUAGE": "fr:de"})) == (
        "Nothing had expired; nothing was removed.\n"
    )
    assert "Usage:" in ok(run_circle("--help", home=vault_home, env={"LANGUAGE": "fr"}))


# Every word of the help through a catalog

# circle started in the bracketed language: circle's words from its probe, click's by gettext's default domain.
BRACKETED = """
import gettext, sys
from circle import language
from tests.language_probe import Bracketed
gettext.dgettext = lambda domain, message: f"⟦{message}⟧"
gettext.dngettext = lambda domain, one, many, n: f"⟦{one if n == 1 else many}⟧"
language.speak_as_configured = lambda *_, **__: language.use(language.Words("es", Bracketed()))
sys.argv = ["circle", *sys.argv[1:]]
from circle.__main__ import main
main()
"""

# What is not a word to translate: command and option names, metavars, template and language keys, the
# variables scripts set, and click's own [OPTIONS] and choices.
NOT_WORDS = (
    "circle accept changes demo display facilitator group handoff init lead locate meeting members notes passphrase "
    "purge themes trends add delete format list show template language help version OPTIONS COMMAND ARGS NAME "
    "support crisis check in en es h"
)


def bracketed(home: Path, *args: str, passphrase: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CIRCLE_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    env["CIRCLE_HOME"] = str(home)
    env["PYTHONIOENCODING"] = "utf-8"
    if passphrase is not None:
        env["CIRCLE_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-c", BRACKETED, *args], env=env, cwd=REPO_ROOT, capture_output=True, text=True,
        encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL, check=False,
    )


@pytest.mark.parametrize("args", [("--help",), ("group", "add", "--help")], ids=["circle", "group add"])
def test_every_word_of_the_help_goes_through_a_catalog(tmp_path, args):
    shown = bracketed(tmp_path / "home", *args).stdout
    shown = " ".join(shown.split())  # one line: click wraps a sentence over several
    assert "⟦" in shown
    assert untranslated(shown, allowed=[NOT_WORDS]) == []


@pytest.mark.parametrize("args", [
    ("purge",),
    ("group", "list"),
    ("group", "delete", "Nadie"),
    ("display", "--port", "8080"),
    ("trends",),
    ("trends", "--since", "2026-05-01", "--until", "2026-04-01"),
    ("meeting", "list", "Nadie", "--since", "1/5"),
    ("lead", "report"),
], ids=" ".join)
def test_every_word_a_command_says_goes_through_a_catalog(vault_home, passphrase, args):
    said = bracketed(vault_home, *args, passphrase=passphrase)
    assert "Traceback" not in said.stderr
    words = said.stdout + said.stderr
    assert "⟦" in words
    # Data a message quotes: what was typed, and circle's name before a one-line error.
    assert untranslated(words, allowed=["circle", "--port --since --until --names", "Nadie"]) == []
