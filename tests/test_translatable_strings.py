"""Every text the code translates can be found by `make messages`.

xgettext (which `makemessages` runs) does not look inside f-strings: a `_("…")` written in
an f-string's braces is translated at run time only while some catalogue happens to hold
the same text for another reason, and `make messages` drops it from the app's own
catalogue. So translated texts are looked up outside f-strings.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "npgettext"}
SKIP = {".venv", "tests", "bench", "node_modules", "staticfiles", "var"}


def project_sources():
    for path in sorted(ROOT.rglob("*.py")):
        if not SKIP.intersection(path.relative_to(ROOT).parts):
            yield path


def translations_in_fstrings(source: str) -> list[int]:
    """The lines of gettext calls inside an f-string's braces."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in GETTEXT_NAMES
                ):
                    lines.append(inner.lineno)
    return lines


def test_the_check_finds_a_translation_in_an_fstring():
    assert translations_in_fstrings("x = f\"<b>{escape(_('Done'))}</b>\"\n") == [1]
    assert translations_in_fstrings('done = _("Done")\nx = f"<b>{done}</b>"\n') == []


def test_no_translation_inside_an_fstring():
    found = {
        str(path.relative_to(ROOT)): lines
        for path in project_sources()
        if (lines := translations_in_fstrings(path.read_text(encoding="utf-8")))
    }
    assert not found, f"gettext inside an f-string (file: lines): {found}"
