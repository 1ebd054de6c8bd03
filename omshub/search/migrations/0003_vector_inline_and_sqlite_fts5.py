"""Faster search on both databases (issue 17).

PostgreSQL: the search vector is kept in the row (STORAGE MAIN) instead of a TOAST table, so
ranking thousands of matches reads each vector once from the heap rather than fetching and
reassembling TOAST chunks twice per row (match, then rank). Existing vectors are rewritten.

SQLite: an FTS5 index of the folded title and text (external content: the documents table
keeps the text; triggers keep the index in step with every insert, update and delete), when
this SQLite has FTS5. Without it search falls back to substring matching.
"""

import sqlite3

from django.db import migrations

FTS = "sitesearch_searchdocument_fts"
DOCUMENTS = "sitesearch_searchdocument"
TRIGGERS = {
    "ai": f"AFTER INSERT ON {DOCUMENTS} BEGIN "
    f"INSERT INTO {FTS}(rowid, folded_title, folded_text) VALUES (new.id, new.folded_title, new.folded_text); END",
    "ad": f"AFTER DELETE ON {DOCUMENTS} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, folded_title, folded_text) "
    f"VALUES ('delete', old.id, old.folded_title, old.folded_text); END",
    "au": f"AFTER UPDATE ON {DOCUMENTS} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, folded_title, folded_text) "
    f"VALUES ('delete', old.id, old.folded_title, old.folded_text); "
    f"INSERT INTO {FTS}(rowid, folded_title, folded_text) VALUES (new.id, new.folded_title, new.folded_text); END",
}


def _sqlite_has_fts5() -> bool:
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {DOCUMENTS} ALTER COLUMN vector SET STORAGE MAIN")
        # A new value for every row, so each is stored again under the new rule.
        schema_editor.execute(f"UPDATE {DOCUMENTS} SET vector = vector || ''::tsvector WHERE vector IS NOT NULL")
    elif vendor == "sqlite" and _sqlite_has_fts5():
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(folded_title, folded_text, "
            f"content='{DOCUMENTS}', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        for name, body in TRIGGERS.items():
            schema_editor.execute(f"CREATE TRIGGER IF NOT EXISTS {FTS}_{name} {body}")
        schema_editor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {DOCUMENTS} ALTER COLUMN vector SET STORAGE EXTENDED")
    elif vendor == "sqlite":
        for name in TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {FTS}_{name}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0002_gin_index")]
    operations = [migrations.RunPython(forwards, backwards)]
