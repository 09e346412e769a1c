"""Rescoring in bulk: it takes the scoring lock first and reports a failure plainly."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alignment import bulk
from leads.models import BackgroundJob, LeadFit
from leads.profiles import rescoring, scoring_sql
from tests.leads.helpers import make_lead, make_segment, scoring_lock_taken_elsewhere

needs_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="advisory locks are PostgreSQL's"
)


def _lock_then_profiles(queries: list[dict]) -> None:
    sql = [query["sql"] for query in queries]
    lock = next(i for i, text in enumerate(sql) if "pg_advisory_xact_lock" in text)
    profiles = next(i for i, text in enumerate(sql) if "idealcustomerprofile" in text)
    assert lock < profiles, "the lock must be taken before the profiles are read"


@needs_postgresql
def test_rescoring_holds_the_scoring_lock_before_reading_the_profiles(manager):
    make_segment(by=manager)
    make_lead(industry="manufacturing")
    with CaptureQueriesContext(connection) as queries:
        rescoring.rescore_all()
    _lock_then_profiles(queries.captured_queries)
    # The lock is held until the transaction ends (here the test's): another worker waits.
    assert scoring_lock_taken_elsewhere()


def test_a_failed_rescore_shows_a_plain_message(manager, monkeypatch):
    make_lead()
    job = BackgroundJob.objects.create(kind="rescore", started_by=manager)

    def fail(*args, **kwargs):
        raise RuntimeError("numeric field overflow in SELECT …")

    monkeypatch.setattr(scoring_sql, "rescore_range", fail)
    with pytest.raises(RuntimeError):
        rescoring.rescore_all(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "overflow" not in job.message and job.message


@needs_postgresql
def test_a_new_lead_holds_the_scoring_lock_before_reading_the_profiles(manager):
    make_segment(by=manager)
    with CaptureQueriesContext(connection) as queries:
        make_lead(industry="manufacturing")
    _lock_then_profiles(queries.captured_queries)


def test_a_lead_made_while_the_rescoring_runs_is_scored_on_the_new_profile(manager, monkeypatch):
    """A form that read the profiles before a change and saved its lead after the rescoring
    had read its range of ids: the rescoring's last range has no end, so it scores that lead
    too instead of leaving it on the old profile."""
    segment = make_segment(by=manager)
    make_lead(industry="manufacturing")
    score_range = scoring_sql.rescore_range
    late = []

    def meanwhile(profiles, *, first_id, last_id):
        if not late:  # as saved by a form that read the profiles before the change
            lead = make_lead(industry="manufacturing", email="late@example.nl")
            LeadFit.objects.filter(lead=lead).update(score=0, segment=None)
            late.append(lead)
        return score_range(profiles, first_id=first_id, last_id=last_id)

    monkeypatch.setattr(scoring_sql, "rescore_range", meanwhile)
    rescoring.rescore_all(batch=1)
    fit = LeadFit.objects.get(lead=late[0])
    assert fit.segment_id == segment.pk and fit.score > 0


@needs_postgresql
@pytest.mark.django_db(transaction=True)  # VACUUM runs outside a transaction only
def test_a_large_rescoring_vacuums_the_fits_and_the_clocks_they_are_copied_to(manager, monkeypatch):
    """The fits' trigger rewrites the changed leads' running clocks: after rescorings of
    a million leads the clocks held 187,342 dead versions and the queue's count read them
    (46 ms; 22 after a vacuum). A large rescoring vacuums both tables."""
    make_segment(by=manager)
    make_lead(industry="manufacturing")
    LeadFit.objects.update(score=0, segment=None)  # so that the rescoring changes them
    monkeypatch.setattr(bulk, "BULK_WRITE", 1)
    with CaptureQueriesContext(connection) as queries:
        changed = rescoring.rescore_all()
    vacuums = [query["sql"] for query in queries.captured_queries if "VACUUM" in query["sql"]]
    assert changed == 1
    assert vacuums == ["VACUUM (ANALYZE) leads_leadfit", "VACUUM (ANALYZE) leads_slaclock"]
