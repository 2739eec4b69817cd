"""Every sentence a person reads is in the translation catalogue, and the Welsh catalogue is used."""

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def msgids(path: Path) -> set[tuple[str | None, str]]:
    """Each entry as (message context, msgid): "Yes" to one question is not "Yes" to another."""
    with path.open("rb") as f:
        return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(f) if m.id}


def test_catalogue_template_is_up_to_date_with_the_code(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "--no-location", "-F", "babel.cfg",
         "-k", "_l", "-k", "N_", "-k", "NP_:1c,2", "-k", "lazy_pgettext:1c,2", "-o", str(fresh), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    missing = msgids(fresh) - msgids(ROOT / "translations" / "messages.pot")
    assert not missing, f"run 'make translations-update': {len(missing)} new strings, e.g. {sorted(missing)[:5]}"


def test_welsh_catalogue_covers_the_template():
    welsh = msgids(ROOT / "translations" / "cy" / "LC_MESSAGES" / "messages.po")
    assert msgids(ROOT / "translations" / "messages.pot") <= welsh


def test_journey_pages_use_the_welsh_catalogue(client):
    client.get("/language/cy?next=/")
    html = client.get("/complaint/", follow_redirects=True).get_data(as_text=True)
    assert "Ydy plentyn mewn perygl ar hyn o bryd?" in html
    assert 'lang="cy"' in html


def welsh_catalogue():
    with (ROOT / "translations" / "cy" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale="cy")


def test_every_welsh_entry_is_translated_and_none_is_fuzzy():
    # Someone who adds or changes an English sentence runs `make translations-update`: its Welsh entry is empty
    # until it is translated, and this fails (the README says how to hand the .po file to a translator).
    unfinished = []
    for message in welsh_catalogue():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy or not all(s and s.strip() for s in strings):
            unfinished.append((message.context, message.id))
    assert not unfinished, f"{len(unfinished)} Welsh entries empty or fuzzy, e.g. {unfinished[:5]}"


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


def test_every_welsh_translation_keeps_the_placeholders_of_its_english():
    # A placeholder lost or misspelt in the Welsh would show "%(date)s" to a person, or fail when the page is made.
    wrong = []
    for message in welsh_catalogue():
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple | list) else (message.id,)
        welsh = message.string if isinstance(message.string, tuple | list) else (message.string,)
        wanted = ({*PLACEHOLDER.findall(english[0])}, {*PLACEHOLDER.findall(english[-1])})
        wrong += [(english[0], text) for text in welsh if {*PLACEHOLDER.findall(text)} not in wanted]
    assert not wrong, wrong[:5]
