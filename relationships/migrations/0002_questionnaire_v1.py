"""The first questionnaire (relationships/questionnaire_v1.py): twenty statements."""

from django.db import migrations

from relationships.assessment.questionnaire_v1 import STATEMENTS, THEMES

def load(apps, schema_editor):
    Theme = apps.get_model("relationships", "Theme")
    Questionnaire = apps.get_model("relationships", "Questionnaire")
    Statement = apps.get_model("relationships", "Statement")
    themes = {}
    for position, (code, name_nl, name_en) in enumerate(THEMES, start=1):
        themes[code] = Theme.objects.update_or_create(
            code=code, defaults={"position": position, "name_nl": name_nl, "name_en": name_en}
        )[0]
    questionnaire, created = Questionnaire.objects.get_or_create(
        version=1, defaults={"is_published": True, "note": "First version"}
    )
    if not created:
        return
    for position, (theme, text_nl, text_en) in enumerate(STATEMENTS, start=1):
        Statement.objects.create(
            questionnaire=questionnaire,
            theme=themes[theme],
            position=position,
            text_nl=text_nl,
            text_en=text_en,
        )


class Migration(migrations.Migration):
    dependencies = [("relationships", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
