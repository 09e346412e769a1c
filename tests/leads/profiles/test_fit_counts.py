"""The kept fit counts (FitCount) equal a count over every fit after each way fits are
written: a lead scored alone, an edit, a rescoring, an import (new rows and updated
duplicates), deletions of leads and of a segment. The segments page reads them."""

from django.db.models import Count
from django.db.models.functions import Coalesce
from django.urls import reverse

from leads.intake import importing
from leads.intake import services as intake
from leads.models import BackgroundJob, FitCount, ImportJob, Lead, LeadFit, Segment
from leads.profiles import queries, rescoring
from tests.leads.helpers import MANUFACTURING_ICP, make_lead, make_segment
from tests.queries import assert_same_query_count

FITTING = {"industry": "manufacturing", "employees": 100, "country": "NL", "job_title": "Director"}


def _counted() -> dict[tuple[int, int], int]:
    """What the page would have to count: leads per (segment or 0, score)."""
    rows = (
        LeadFit.objects.values(key=Coalesce("segment_id", 0))
        .annotate(n=Count("pk"))
        .values_list("key", "score", "n")
    )
    return {(key, score): n for key, score, n in rows}


def _kept() -> dict[tuple[int, int], int]:
    rows = FitCount.objects.exclude(leads=0).values_list("segment_key", "score", "leads")
    return {(key, score): n for key, score, n in rows}


def _assert_kept(expected: dict[tuple[int, int], int]) -> None:
    assert _counted() == expected  # the data is what the test meant it to be
    assert _kept() == expected


def test_a_lead_scored_alone_and_edited_moves_its_count(marketer):
    segment = make_segment(by=marketer)
    lead = make_lead(**FITTING)
    make_lead(industry="retail", country="DE")
    _assert_kept({(segment.pk, 100): 1, (0, 0): 1})

    intake.edit_lead(
        lead_id=lead.pk, values={"job_title": "Buyer"}, by=marketer, version=intake.version_of(lead)
    )
    # title (2 of 12) lost: 10 of 12 → 83
    _assert_kept({(segment.pk, 83): 1, (0, 0): 1})


def test_a_rescoring_after_a_profile_change_moves_only_what_changed(marketer):
    first = make_segment(by=marketer)
    for _ in range(3):
        make_lead(**FITTING)
    make_lead(industry="logistics", country="NL", job_title="Director")
    _assert_kept({(first.pk, 100): 3, (first.pk, 42): 1})

    second = make_segment(by=marketer, name="Logistics", industries=["logistics"],
                          industry_weight=1)  # fmt: skip
    rescoring.rescore_all()
    _assert_kept({(first.pk, 100): 3, (second.pk, 100): 1})

    Segment.objects.filter(pk=second.pk).update(active=False)
    rescoring.rescore_all(batch=2)  # several ranges, each its own statement
    _assert_kept({(first.pk, 100): 3, (first.pk, 42): 1})


def _run_import(by, content: bytes, duplicates: str) -> ImportJob:
    import_job = intake.create_import(data=content, filename="x.csv", by=by)
    import_job.job = BackgroundJob.objects.create(kind=BackgroundJob.Kind.IMPORT)
    import_job.mode = ImportJob.Mode.VALID_ROWS
    import_job.duplicates = duplicates
    import_job.save()
    return importing.run_import(import_id=import_job.pk)


def test_an_import_counts_its_new_leads_and_the_updated_duplicates(marketer):
    segment = make_segment(by=marketer)
    known = make_lead(email="known@x.nl", industry="retail", country="NL")
    _assert_kept({(segment.pk, 25): 1})

    content = (
        b"Email,Industry,Employees,Country,Job title\n"
        b"known@x.nl,Manufacturing,100,NL,Director\n"
        b"new@x.nl,Manufacturing,100,NL,Director\n"
        b"other@x.nl,Retail,,DE,\n"
    )
    _run_import(marketer, content, ImportJob.Duplicates.SKIP)
    _assert_kept({(segment.pk, 25): 1, (segment.pk, 100): 1, (0, 0): 1})

    _run_import(marketer, content, ImportJob.Duplicates.UPDATE)
    assert LeadFit.objects.get(lead=known).score == 100
    _assert_kept({(segment.pk, 100): 2, (0, 0): 1})


def test_deleting_leads_and_a_segment_keeps_the_counts(marketer):
    segment = make_segment(by=marketer)
    leads = [make_lead(**FITTING) for _ in range(3)]
    make_lead(industry="retail", country="DE")
    leads[0].delete()
    Lead.objects.filter(pk=leads[1].pk).delete()
    _assert_kept({(segment.pk, 100): 1, (0, 0): 1})

    segment.delete()  # its fits keep their score and lose the segment until a rescoring
    _assert_kept({(0, 100): 1, (0, 0): 1})
    assert queries.lead_count() == Lead.objects.count() == 2


def test_the_segments_page_shows_the_kept_counts(login, marketer):
    segment = make_segment(by=marketer)
    other = make_segment(by=marketer, name="Retail", **MANUFACTURING_ICP | {
        "industries": ["retail"], "title_words": [], "title_weight": 0})  # fmt: skip
    for _ in range(2):
        make_lead(**FITTING)
    make_lead(industry="manufacturing", country="DE")  # disqualified: another country
    make_lead(industry="retail", employees=100, country="NL", job_title="Buyer")

    listed = {s.pk: (s.lead_count, s.high_fit) for s in queries.segments_overview()}
    assert listed == {segment.pk: (2, 2), other.pk: (1, 1)}
    page = login(marketer).get(reverse("leads:segment_list")).text
    assert "2 leads" in page or "2 leads" in page.replace("\xa0", " ")


def test_the_segments_page_runs_the_same_queries_with_more_leads(login, marketer):
    make_segment(by=marketer)
    client = login(marketer)

    def more():
        for _ in range(5):
            make_lead(**FITTING)
        make_segment(by=marketer, name="Second")

    assert_same_query_count(lambda: client.get(reverse("leads:segment_list")), more)
