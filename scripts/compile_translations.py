"""Merge the Vietnamese catalogues in locale/src/*.po into locale/vi/LC_MESSAGES/django.{po,mo}.

Wagtail ships only a few Vietnamese strings; our catalogues translate the admin screens teachers and
the editorial board use. Entries in LOCALE_PATHS take precedence over the packages' own catalogues.
Usage: .venv/bin/python scripts/compile_translations.py [--check]
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
# domain -> source catalogues (locale/src/*.po for Python/templates, locale/src/djangojs/*.po for admin JS)
DOMAINS = {
    "django": ROOT / "locale" / "src",
    "djangojs": ROOT / "locale" / "src" / "djangojs",
}
TARGET_DIR = ROOT / "locale" / "vi" / "LC_MESSAGES"
HEADER = {
    "Content-Type": "text/plain; charset=UTF-8",
    "Language": "vi",
    "Plural-Forms": "nplurals=1; plural=0;",
    "MIME-Version": "1.0",
    "Content-Transfer-Encoding": "8bit",
}


def merged_catalogue(sources):
    """One catalogue of every translated entry in ``sources``; the first source wins on duplicates."""
    merged = polib.POFile(wrapwidth=0)
    merged.metadata = dict(HEADER)
    seen = set()
    for source in sources:
        for entry in polib.pofile(str(source)):
            key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
            if key in seen or entry.obsolete or "fuzzy" in entry.flags:
                continue
            if not (entry.msgstr or any(entry.msgstr_plural.values())):
                continue
            seen.add(key)
            merged.append(
                polib.POEntry(
                    msgctxt=entry.msgctxt,
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgstr=entry.msgstr,
                    msgstr_plural=entry.msgstr_plural,
                    flags=[f for f in entry.flags if f != "fuzzy"],
                )
            )
    return merged


def main():
    for domain, folder in DOMAINS.items():
        catalogue = merged_catalogue(sorted(folder.glob("*.po")))
        po_path, mo_path = TARGET_DIR / f"{domain}.po", TARGET_DIR / f"{domain}.mo"
        text = str(catalogue)
        if "--check" in sys.argv:
            current = po_path.read_text(encoding="utf-8") if po_path.exists() else ""
            if current != text or not mo_path.exists():
                sys.exit(f"locale/vi/{domain} is out of date: run scripts/compile_translations.py")
            continue
        TARGET_DIR.mkdir(parents=True, exist_ok=True)
        po_path.write_text(text, encoding="utf-8")
        catalogue.save_as_mofile(str(mo_path))
        print(f"{len(catalogue)} entries → {mo_path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
