"""The lead list's walks read indexes alone (PostgreSQL).

The sorts by name and by company hold the filters on the lead row (INCLUDE), and the fit
table's primary key holds the segment and the score, so a walk with filters on either
table checks them without reading a row for every entry it passes ("segment + high fit
by company": 29,906 entries, a page in 163 → 84 ms at a million leads; bench/RESULTS.md). A
rescoring rewrites the primary key's entries of every changed fit already (its score is
indexed), so the wider key costs it nothing more than the bytes.
"""

from django.db import migrations, models

LEAD_FILTERS = ("stage", "owner", "source_campaign")


def fit_key(include: str):
    def alter(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname FROM pg_constraint "
                "WHERE conrelid = 'leads_leadfit'::regclass AND contype = 'p'"
            )
            (name,) = cursor.fetchone()
        schema_editor.execute(
            f"ALTER TABLE leads_leadfit DROP CONSTRAINT {name}, "
            f"ADD CONSTRAINT {name} PRIMARY KEY (lead_id) {include}"
        )

    return alter


class Migration(migrations.Migration):
    dependencies = [
        ("alignment", "0005_person_queue_view"),
        ("leads", "0029_search_with_filters"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="lead", name="lead_name"),
        migrations.RemoveIndex(model_name="lead", name="lead_company"),
        migrations.AddIndex(
            model_name="lead",
            index=models.Index(
                fields=["last_name", "first_name", "id"], include=LEAD_FILTERS, name="lead_name"
            ),
        ),
        migrations.AddIndex(
            model_name="lead",
            index=models.Index(fields=["company", "id"], include=LEAD_FILTERS, name="lead_company"),
        ),
        migrations.RunPython(fit_key("INCLUDE (segment_id, score)"), fit_key(""), elidable=False),
    ]
