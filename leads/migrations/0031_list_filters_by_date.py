"""A list filter's index by date holds the other filters on the lead row (PostgreSQL).

The leads of a stage, a salesperson or a campaign by date INCLUDE the other two, so any
combination of them is read from one index alone, without a table row per match: the
SAL leads of one salesperson in a segment (a bitmap of ~20,000 leads read from the
table, then their fits) 58–61 → 21–24 ms a page at a million leads; bench/RESULTS.md.
Rebuilding the three indexes takes about a second each at a million leads.
"""

from django.db import migrations, models


def by_date(field: str, others: tuple[str, str], name: str) -> models.Index:
    return models.Index(fields=[field, "-created_at", "-id"], include=others, name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("alignment", "0005_person_queue_view"),
        ("leads", "0030_list_walks_from_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="lead", name="lead_stage_created"),
        migrations.RemoveIndex(model_name="lead", name="lead_owner_created"),
        migrations.RemoveIndex(model_name="lead", name="lead_campaign_created"),
        migrations.AddIndex(
            model_name="lead",
            index=by_date("stage", ("owner", "source_campaign"), "lead_stage_created"),
        ),
        migrations.AddIndex(
            model_name="lead",
            index=by_date("owner", ("stage", "source_campaign"), "lead_owner_created"),
        ),
        migrations.AddIndex(
            model_name="lead",
            index=by_date("source_campaign", ("stage", "owner"), "lead_campaign_created"),
        ),
    ]
