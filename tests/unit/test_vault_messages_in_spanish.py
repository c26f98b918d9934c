"""What the vault and the store say when they refuse, in the facilitator's language, each one whole sentence."""

from __future__ import annotations

from pathlib import Path


from circle.store.errors import ClearValueDamaged, VaultNeedsUpdate, VaultTooNew
from circle.store.errors import GroupUnvouched, VaultChangedOutside
from circle.vault.errors import WrongPassphrase
from tests.language_probe import bracketed, untranslated


def test_a_vault_changed_outside_names_its_parts_in_one_spanish_sentence(in_spanish: None) -> None:
    said = str(VaultChangedOutside(["the roster", "the key", "the roster"]))
    assert said.startswith("Esta bóveda se cambió fuera de circle (en un grupo: la clave y la lista del grupo);")
    assert "'circle accept-changes'" in said and "\n" not in said


def test_a_vault_changed_outside_reads_as_before_in_english():
    changed = VaultChangedOutside(["the roster", "the meetings"])
    assert changed.what == "the meetings and the roster"
    assert str(changed).startswith("This vault was changed outside circle (in a group: the meetings and the roster);")


def test_every_part_of_a_vault_changed_outside_goes_through_the_catalog():
    with bracketed():
        said = str(VaultChangedOutside(["a key slot", "the manifest", "the notes"]))
    assert untranslated(said, allowed=["circle accept-changes"]) == []


def test_the_vaults_refusals_are_spanish(in_spanish: None) -> None:
    assert str(WrongPassphrase()) == "Esa frase de contraseña no abre esta bóveda."
    assert str(GroupUnvouched()) == "circle solo puede cambiar un grupo cuya clave tiene; no se escribió nada."
    assert str(VaultTooNew(Path("circle.db"))) == "circle.db lo escribió un circle más nuevo; actualiza circle para abrirlo."
    assert str(VaultNeedsUpdate(Path("circle.db"))).startswith("circle.db lo escribió un circle más antiguo;")
    assert str(ClearValueDamaged("groups.format")) == (
        "La bóveda está dañada o alguien la manipuló: groups.format guarda un valor que circle nunca escribe."
    )
