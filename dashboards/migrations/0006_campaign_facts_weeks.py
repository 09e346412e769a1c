from django.db import migrations

# Until now the section's span (two weeks) was written in its template; it is now a fact
# of the section. Agendas frozen before keep the span they were built with.
SPAN_BEFORE = 2


def add_span(apps, schema_editor):
    AgendaItem = apps.get_model("dashboards", "AgendaItem")
    frozen = AgendaItem.objects.filter(section="campaigns", facts__isnull=False)
    for item in frozen:
        if "weeks" not in item.facts:
            item.facts["weeks"] = SPAN_BEFORE
            item.save(update_fields=["facts"])


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0005_meeting_sequence")]

    operations = [migrations.RunPython(add_span, migrations.RunPython.noop)]
