from django.db.models import Q, QuerySet

from alignment.models import Person
from leads.models import BackgroundJob


def jobs_visible_to(person: Person | None) -> QuerySet[BackgroundJob]:
    """Rescores are for everyone who sees leads; an import's job only for whoever started
    it, like the import itself."""
    imports = Q(kind=BackgroundJob.Kind.IMPORT, started_by=person) if person else Q(pk__in=[])
    return BackgroundJob.objects.filter(Q(kind=BackgroundJob.Kind.RESCORE) | imports)
