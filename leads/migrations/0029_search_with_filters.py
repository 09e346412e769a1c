"""The search's trigram index also holds the list's filters on the lead row: stage, owner
and campaign (btree_gin), on PostgreSQL only.

A search and a filter then meet inside one index scan: "jansen" among the SAL leads hands
over its 7,013 leads instead of all 41,574 Jansens, each read from the table to check its
stage (the ids query 58–82 → 8 ms at a million leads; bench/RESULTS.md). The index replaces
the trigram-only one of migration 0002; an import's upkeep stays within the noise
(bench/import_csv.py).
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS lead_search_filters ON leads_lead USING gin "
    "(search_text gin_trgm_ops, stage, owner_id, source_campaign_id)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(CREATE)
    schema_editor.execute("DROP INDEX IF EXISTS lead_search_trgm")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS lead_search_trgm ON leads_lead "
        "USING gin (search_text gin_trgm_ops)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS lead_search_filters")


class Migration(migrations.Migration):
    dependencies = [("leads", "0028_preview_sample")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
