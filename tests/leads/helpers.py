"""Test data for the leads tests, made through the app's own services."""

from django.db import connection, connections

from alignment.models import Person
from leads.intake import services as intake
from leads.models import ApiToken, IdealCustomerProfile, ImportJob, Lead, Segment
from leads.profiles import services as profiles
from leads.profiles.rescoring import SCORING_LOCK

MANUFACTURING_ICP = {
    "industries": ["manufacturing"],
    "industry_weight": 4,
    "employees_min": 50,
    "employees_max": 500,
    "employees_weight": 3,
    "countries": ["NL", "BE"],
    "country_weight": 3,
    "title_words": ["director", "operations"],
    "title_weight": 2,
    "excluded_email_domains": ["student.uva.nl"],
    "competitors": ["rival bv"],
    "exclude_other_countries": True,
}


def make_segment(*, by: Person, name: str = "Manufacturers Benelux", **icp) -> Segment:
    segment, _job = profiles.save_segment(
        segment=None,
        segment_fields={"name": name, "description": "", "owner": by, "active": True},
        icp_fields=icp or MANUFACTURING_ICP,
        by=by,
    )
    return segment


def make_lead(**values) -> Lead:
    defaults = {"last_name": "Jansen", "email": f"lead{Lead.objects.count()}@example.nl"}
    return intake.create_lead(values=defaults | values)


def make_token(*, by: Person, **fields) -> tuple[ApiToken, str]:
    return intake.create_api_token(name=fields.pop("name", "Website"), by=by, **fields)


def snapshot() -> dict:
    """Every row of the leads tables, to assert that a refused action changed nothing."""
    tables = [Lead, Segment, IdealCustomerProfile, ImportJob, ApiToken]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in tables}


def vendor() -> str:
    return connection.vendor


def scoring_lock_taken_elsewhere() -> bool:
    """Whether another connection (a worker) would have to wait for the scoring lock: it
    is held until this transaction (the test's) ends. PostgreSQL only."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SCORING_LOCK])
            return cursor.fetchone() == (False,)
    finally:
        other.close()
