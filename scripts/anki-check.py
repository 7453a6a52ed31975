#!/usr/bin/env python3
"""Imports an Anki file made by `lectern export --format anki` with Anki's own importer, as
File > Import does with nothing chosen, into a new empty collection; then imports it again.
Checks that every row became a note, that the second import added none (the GUIDs make it
update instead), and prints what Anki made.

Needs Anki's Python library, which carries Anki's importer: `pip install anki`.

    lectern export --format anki -o /tmp/deck.txt
    python3 scripts/anki-check.py /tmp/deck.txt
"""

import sys
import tempfile
from pathlib import Path

from anki.collection import Collection, ImportCsvRequest


def rows(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    return sum(1 for line in text.splitlines() if line and not line.startswith("#"))


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    path = Path(sys.argv[1]).resolve()
    expected = rows(path)
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(str(Path(folder) / "check.anki2"))
        try:
            for attempt in ("first", "again"):
                metadata = col.get_csv_metadata(path=str(path), delimiter=None)
                log = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
                problems = {
                    "missing notetype": len(log.missing_notetype),
                    "missing deck": len(log.missing_deck),
                    "empty first field": len(log.empty_first_field),
                    "conflicting": len(log.conflicting),
                }
                print(
                    f"{attempt}: {len(log.new)} new, {len(log.updated)} updated, "
                    f"{len(log.duplicate)} unchanged; notes {col.note_count()}, cards {col.card_count()}"
                )
                if any(problems.values()):
                    print(f"problems: {problems}")
                    return 1
                if attempt == "first" and len(log.new) != expected:
                    print(f"expected {expected} new notes, one a row")
                    return 1
                if col.note_count() != expected:
                    print(f"expected {expected} notes in the collection")
                    return 1
            decks = [d.name for d in col.decks.all_names_and_ids() if d.name != "Default"]
            print(f"decks: {', '.join(decks)}")
        finally:
            col.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
