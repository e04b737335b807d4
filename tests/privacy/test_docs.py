"""docs/privacy.md is what `manage.py privacy_docs` writes from the register."""

import pytest
from django.core.management import CommandError, call_command

from privacy.docs import render, role_capabilities
from privacy.management.commands.privacy_docs import docs_path
from privacy.register import REGISTER


def test_docs_privacy_md_is_up_to_date():
    assert docs_path().read_text(encoding="utf-8") == render(), (
        "docs/privacy.md is out of date: run `manage.py privacy_docs`"
    )
    call_command("privacy_docs", "--check")


def test_the_check_fails_on_an_outdated_file(tmp_path, monkeypatch):
    stale = tmp_path / "privacy.md"
    stale.write_text("oud", encoding="utf-8")
    monkeypatch.setattr("privacy.management.commands.privacy_docs.docs_path", lambda: stale)
    with pytest.raises(CommandError, match="out of date"):
        call_command("privacy_docs", "--check")


def test_the_documents_name_every_model_with_personal_data_and_its_retention():
    text = render()
    for label, entry in REGISTER.items():
        if any(kind != "none" for kind in entry.fields.values()):
            assert f"(`{label}`)" in text
    assert "Tot 2 jaar na het laatste contact" in text
    assert "## 4. DPIA-opzet" in text


def test_what_each_role_can_see_comes_from_the_capabilities():
    capabilities = role_capabilities()
    assert capabilities["coordinator"] == ["can_coordinate", "can_read_reports"]
    assert capabilities["reader"] == ["can_read_reports"]
    assert capabilities["volunteer"] == ["is_volunteer"]
    assert "can_coordinate" not in capabilities["beheerder"]
