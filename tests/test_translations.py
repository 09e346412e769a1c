"""Every user-facing string has a Dutch translation, and the compiled catalogue is current."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings

BASE = Path(settings.BASE_DIR)
SOURCES = ["alignment", "leads", "dashboards", "relationships", "templates", "locale", "manage.py"]
NL_PO = "locale/nl/LC_MESSAGES/django.po"


def _extract_into_copy(tmp_path: Path) -> polib.POFile:
    """Run makemessages on a copy of the code, so the committed catalogue is left alone."""
    for name in SOURCES:
        source = BASE / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-obsolete", "-v0"],
        cwd=tmp_path,
        check=True,
    )
    return polib.pofile(str(tmp_path / NL_PO))


def test_every_string_in_the_code_has_a_dutch_translation(tmp_path):
    catalogue = _extract_into_copy(tmp_path)
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [], "untranslated (run makemessages -l nl and translate):\n" + "\n".join(
        missing
    )
    assert fuzzy == [], "fuzzy translations to check:\n" + "\n".join(fuzzy)


def test_compiled_catalogue_matches_the_po_file():
    po = polib.pofile(str(BASE / NL_PO))
    mo = polib.mofile(str(BASE / NL_PO.replace(".po", ".mo")))
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in mo}
    stale = [
        entry.msgid
        for entry in po.translated_entries()
        if (entry.msgctxt, entry.msgid) not in compiled
        or compiled[(entry.msgctxt, entry.msgid)].msgstr != entry.msgstr
        or compiled[(entry.msgctxt, entry.msgid)].msgstr_plural != entry.msgstr_plural
    ]
    assert stale == [], "run `python manage.py compilemessages`; stale:\n" + "\n".join(stale)
