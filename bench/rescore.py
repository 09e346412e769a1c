"""Rescore every lead after an ICP change.  uv run python bench/rescore.py --leads 1000000"""

from _setup import arguments, ensure_leads, timed

args = arguments(__doc__)
ensure_leads(args.leads)

from django.db import connection  # noqa: E402

from leads.models import IdealCustomerProfile, Lead, LeadFit  # noqa: E402
from leads.profiles.rescoring import rescore_all  # noqa: E402

print(f"{Lead.objects.count():,} leads, {connection.vendor}")
icp = IdealCustomerProfile.objects.order_by("pk").first()
original = icp.employees_weight


def change_and_rescore(weight: int):
    IdealCustomerProfile.objects.filter(pk=icp.pk).update(employees_weight=weight)
    return f"{rescore_all():,} leads changed"


timed("one ICP changed: all scored, changed ones written", lambda: change_and_rescore(original + 4))
timed("changed back", lambda: change_and_rescore(original))
timed("nothing changed: all scored, nothing written", lambda: change_and_rescore(original))
# Worst case: every lead's score changes, so every fit row is rewritten.
LeadFit.objects.update(score=101)
timed("every lead's score changed: all scored and written", lambda: change_and_rescore(original))
