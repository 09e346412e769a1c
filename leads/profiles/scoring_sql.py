"""The fit score of leads/scoring.py as SQL, for scoring many leads in one statement.

scoring.py is the reference; tests/leads/test_scoring_sql.py asserts that both give the
same score and segment on varied leads. Change the two together.
"""

from collections.abc import Callable, Sequence
from functools import lru_cache, reduce
from operator import or_

from django.db import connection
from django.db.models import (
    Case,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest

from leads.models import Lead, LeadFit
from leads.models.leads import SAMPLE_SLOTS, sample_slot
from leads.profiles.scoring import Profile

# best = score × SLOT + (SLOT − 1 − segment id): the greatest value is the best score and,
# on a tie, the lowest segment id, and both can be read back from that one number.
SLOT = 1_000_000


def _any(conditions: list[Q]) -> Q:
    return reduce(or_, conditions)


def criteria_conditions(profile: Profile) -> list[tuple[int, Q]]:
    """(weight, condition) for every criterion that counts, as in scoring.criteria_of."""
    result = []
    if profile.industry_weight and profile.industries:
        result.append((profile.industry_weight, Q(industry__in=sorted(profile.industries))))
    for weight, field, low, high in (
        (profile.employees_weight, "employees", profile.employees_min, profile.employees_max),
        (profile.revenue_weight, "annual_revenue", profile.revenue_min, profile.revenue_max),
    ):
        if weight and (low is not None or high is not None):
            condition = Q(**{f"{field}__isnull": False})
            if low is not None:
                condition &= Q(**{f"{field}__gte": low})
            if high is not None:
                condition &= Q(**{f"{field}__lte": high})
            result.append((weight, condition))
    if profile.country_weight and profile.countries:
        result.append((profile.country_weight, Q(country__in=sorted(profile.countries))))
    if profile.title_weight and profile.title_words:
        # scoring.title_matches: the word in the lower-case title (kept as title_key).
        words = [Q(title_key__contains=word) for word in profile.title_words]
        result.append((profile.title_weight, _any(words)))
    return result


def disqualifier_condition(profile: Profile) -> Q | None:
    conditions = []
    for domain in sorted(profile.excluded_email_domains):
        # Addresses are stored lower-case (services normalise them), domains too; the
        # kept email_domain is shorter to search than the address.
        conditions += [Q(email_domain=domain), Q(email_domain__endswith="." + domain)]
    conditions += [Q(competitor_key=name) for name in sorted(profile.competitors)]
    if profile.exclude_other_countries and profile.countries:
        conditions.append(~Q(country="") & ~Q(country__in=sorted(profile.countries)))
    return _any(conditions) if conditions else None


def score_expression(profile: Profile) -> Expression:
    criteria = criteria_conditions(profile)
    total = sum(weight for weight, _ in criteria)
    if total == 0:
        return Value(0, output_field=IntegerField())
    matched = sum(
        (Case(When(c, then=Value(w)), default=Value(0)) for w, c in criteria[1:]),
        start=Case(When(criteria[0][1], then=Value(criteria[0][0])), default=Value(0)),
    )
    value = (matched * Value(100) + Value(total // 2)) / Value(total)
    disqualified = disqualifier_condition(profile)
    if disqualified is None:
        return ExpressionWrapper(value, output_field=IntegerField())
    return Case(When(disqualified, then=Value(0)), default=value, output_field=IntegerField())


def compiled_score(profile: Profile) -> Expression:
    """score_expression as SQL built once per profile: the preview scores the saved profiles
    again on every keystroke, and building their expressions cost 4 ms of its 50."""
    sql, params = _score_sql(profile, connection.vendor)
    return RawSQL(sql, params, output_field=IntegerField())


@lru_cache(maxsize=64)
def _score_sql(profile: Profile, vendor: str) -> tuple[str, tuple]:
    # `vendor` is part of the key: PostgreSQL and SQLite get different SQL.
    query = Lead.objects.all().query
    expression = score_expression(profile).resolve_expression(query)
    sql, params = query.get_compiler(connection=connection).compile(expression)
    return sql, tuple(params)


def best_expression(
    profiles: Sequence[Profile], score: Callable[[Profile], Expression] = score_expression
) -> Expression:
    parts = []
    for profile in profiles:
        if not 0 < profile.segment_id < SLOT:
            raise ValueError("segment ids must stay below SLOT for bulk scoring")
        tie_break = Value(SLOT - 1 - profile.segment_id)
        parts.append(score(profile) * Value(SLOT) + tie_break)
    if len(parts) == 1:
        return parts[0]
    return Greatest(*parts, output_field=IntegerField())


def rescore_range(profiles: Sequence[Profile], *, first_id: int, last_id: int | None) -> int:
    """Score the leads with first_id <= id <= last_id (None: no end) in one statement;
    returns rows written.

    An upsert into LeadFit: a lead without a fit row gets one, and a row whose score and
    segment stay the same is not written, so a small ICP change touches only what it
    changes.
    """
    fit_table = LeadFit._meta.db_table
    best = best_expression(profiles) if profiles else Value(SLOT - 1, output_field=IntegerField())
    inner = Lead.objects.filter(pk__gte=first_id)
    if last_id is not None:
        inner = inner.filter(pk__lte=last_id)
    inner = inner.annotate(lead_id=F("pk"), best=best).values_list("lead_id", "best")
    sql, params = inner.query.sql_with_params()
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    new_segment = f"CASE WHEN s.best < {SLOT} THEN NULL ELSE {SLOT - 1} - (s.best %% {SLOT}) END"
    # MATERIALIZED computes `best` once per row; inlined, every reference to it would
    # compute every segment's score again. "WHERE true" lets SQLite parse the upsert.
    statement = (
        f"WITH s AS MATERIALIZED ({sql}) "
        f"INSERT INTO {fit_table} (lead_id, score, segment_id) "
        f"SELECT s.lead_id, s.best / {SLOT}, {new_segment} FROM s WHERE true "
        f"ON CONFLICT (lead_id) DO UPDATE SET score = excluded.score, "
        f"segment_id = excluded.segment_id WHERE {fit_table}.score <> excluded.score "
        f"OR {fit_table}.segment_id {distinct} excluded.segment_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        if connection.vendor == "sqlite":  # its rowcount is -1 for a WITH statement
            cursor.execute("SELECT changes()")
            return cursor.fetchone()[0]
        return cursor.rowcount


def pack(score: int, segment_id: int) -> int:
    """A segment's score as best_expression packs it (see SLOT)."""
    return score * SLOT + SLOT - 1 - segment_id


def unpack(best: int) -> tuple[int, int | None]:
    """(score, segment id) from a packed best; a best score of 0 means no segment."""
    if best < SLOT:
        return 0, None
    return best // SLOT, SLOT - 1 - best % SLOT


def edit_outcomes(
    *,
    others: Sequence[Profile],
    before: Profile | None,
    after: Profile | None,
    sample_slots: int = SAMPLE_SLOTS,
) -> list[tuple[int, int, int, int]]:
    """The leads grouped by what one segment's edit decides for them, in one statement.

    Rows (best of the other segments, packed; the edited segment's score before; after;
    number of leads). The other segments' scores are the same before and after the edit,
    so each is computed once; the best segment before and after follows from each row
    (max of the packed values) without scoring every segment twice. `before`/`after` None:
    the segment is absent then (new, or inactive). With sample_slots=k only the leads in
    the first k of SAMPLE_SLOTS slots are counted (models.sample_slot): a fixed sample, so
    the figures do not jitter while someone types.
    """
    zero = Value(0, output_field=IntegerField())
    leads = Lead.objects.all()
    if sample_slots < SAMPLE_SLOTS:
        leads = leads.alias(slot=sample_slot()).filter(slot__lt=sample_slots)
    scored = leads.annotate(
        other=best_expression(others, compiled_score) if others else zero,
        old=compiled_score(before) if before else zero,
        new=compiled_score(after) if after else zero,
    ).values_list("other", "old", "new")
    sql, params = scored.query.sql_with_params()
    # Grouped around the statement: Django's own GROUP BY compares and hashes these large
    # expressions once more, 3 ms of a preview that runs on every keystroke.
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT "other", "old", "new", COUNT(*) FROM ({sql}) AS scored '
            'GROUP BY "other", "old", "new"',
            params,
        )
        return cursor.fetchall()
