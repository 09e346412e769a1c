"""Addresses stored before alignment/email_address.py gave them one form: a domain in
punycode ("xn--caf-dma.be") becomes the Unicode one ("café.be"), so a lead typed either way
is found as a duplicate. Only such addresses change; a copy of the rule keeps this
migration as it was written."""

import unicodedata

from django.db import migrations


def _label(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label


def _normal(email: str) -> str:
    local, _at, domain = unicodedata.normalize("NFC", email.strip()).lower().rpartition("@")
    return f"{local}@{'.'.join(_label(label) for label in domain.split('.'))}"


def normalise(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    punycode = Lead.objects.filter(email__contains="xn--").only("email", "search_text")
    for lead in punycode.iterator():
        email = _normal(lead.email)
        if email != lead.email:
            lead.search_text = lead.search_text.replace(lead.email, email)
            lead.email = email
            lead.save(update_fields=["email", "search_text"])


class Migration(migrations.Migration):
    dependencies = [("leads", "0014_lead_edits_and_import_history")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop, elidable=True)]
