"""Reads for the assessment and action-item pages. Aggregation happens in the database;
Python only arranges the handful of aggregated rows (teams × themes) for the templates."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from alignment.models import Person, TeamCode
from relationships.assessment.charts import Slice, distribution_segments
from relationships.assessment.stages import (
    RelationshipStage,
    Visibility,
    gap,
    largest_gaps,
    score_from_average,
    stage_for,
    visibility,
)
from relationships.models import (
    ActionItem,
    Answer,
    Invitation,
    Questionnaire,
    Round,
    Statement,
    Theme,
)

TEAMS = (TeamCode.MARKETING, TeamCode.SALES)


def current_questionnaire() -> Questionnaire | None:
    return Questionnaire.objects.filter(is_published=True).order_by("-version").first()


def invitable_people() -> QuerySet[Person]:
    """Everyone who may be invited: the active people of marketing and sales."""
    return (
        Person.objects.select_related("user", "team")
        .filter(user__is_active=True, team__code__in=TEAMS)
        .order_by("team__code", "user__first_name", "user__last_name")
    )


def open_invitations(person: Person | None) -> QuerySet[Invitation]:
    """The open rounds a person is asked to answer, for their home page."""
    if person is None:
        return Invitation.objects.none()
    open_rounds = Round.objects.open().values("pk")
    return (
        Invitation.objects.filter(person=person, round__in=open_rounds)
        .select_related("round")
        .order_by("round__open_until")
    )


def _with_progress(rounds: QuerySet[Round]) -> QuerySet[Round]:
    answered = Q(invitations__answered_at__isnull=False)
    counts = {}
    for team in TEAMS:
        in_team = Q(invitations__team__code=team)
        counts[f"{team}_invited"] = Count("invitations", filter=in_team)
        counts[f"{team}_answered"] = Count("invitations", filter=in_team & answered)
    return rounds.annotate(**counts)


def round_list(person: Person | None, *, managing: bool) -> QuerySet[Round]:
    """Managers see every round; everyone else the rounds they were invited to. Each round
    says whether the person is invited and has answered."""
    mine = Invitation.objects.filter(round=OuterRef("pk"), person=person)
    rounds = Round.objects.order_by("-opened_at").annotate(
        me_invited=Exists(mine), me_answered=Exists(mine.filter(answered_at__isnull=False))
    )
    if not managing:
        # A subquery, not a join: a join here would make the counts count only this person.
        rounds = rounds.filter(pk__in=Invitation.objects.filter(person=person).values("round"))
    return _with_progress(rounds)


def start_of_day(now: datetime.datetime) -> datetime.datetime:
    """Midnight of `now`'s day in TIME_ZONE: "today" of the once-a-day reminder."""
    today = timezone.localdate(now)
    return datetime.datetime.combine(
        today, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )


def reminded_today(round_: Round, now: datetime.datetime | None = None) -> int:
    """How many of the round's invitees who have not answered were reminded today."""
    since = start_of_day(now or timezone.now())
    return round_.invitations.filter(answered_at__isnull=True, reminded_at__gte=since).count()


def remindable(round_: Round, now: datetime.datetime | None = None) -> int:
    """How many of the round's invitees a reminder reaches now: active, not answered, and
    not reminded today for any round (reminders send one a day at most)."""
    since = start_of_day(now or timezone.now())
    reminded = Invitation.objects.filter(reminded_at__gte=since).values("person_id")
    waiting = round_.invitations.filter(answered_at__isnull=True, person__user__is_active=True)
    return waiting.exclude(person_id__in=reminded).count()


def round_with_progress(pk: int) -> Round | None:
    return _with_progress(Round.objects.filter(pk=pk).select_related("questionnaire")).first()


@dataclass
class TeamProgress:
    team: str
    invited: int
    answered: int

    @property
    def label(self) -> str:
        return TeamCode(self.team).label


def progress(round_: Round) -> list[TeamProgress]:
    return [
        TeamProgress(
            team,
            getattr(round_, f"{team}_invited", 0),
            getattr(round_, f"{team}_answered", 0),
        )
        for team in TEAMS
    ]


@dataclass
class ThemeRow:
    theme: Theme
    marketing: float | None
    sales: float | None
    overall: float | None
    gap: float | None = None
    highlighted: bool = False


@dataclass
class DistributionRow:
    statement: Statement
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def segments(self) -> list[Slice]:
        return distribution_segments(self.counts)

    @property
    def average(self) -> float | None:
        if not self.total:
            return None
        return sum(rating * n for rating, n in enumerate(self.counts, start=1)) / self.total


@dataclass
class TeamScore:
    team: str
    score: int | None
    stage: RelationshipStage | None
    respondents: int = 0

    @property
    def label(self) -> str:
        return TeamCode(self.team).label


@dataclass
class RoundResult:
    round: Round
    respondents: dict[str, int]
    visible: Visibility
    is_closed: bool
    score: int | None = None
    stage: RelationshipStage | None = None
    team_scores: list[TeamScore] = field(default_factory=list)
    themes: list[ThemeRow] = field(default_factory=list)
    distribution: list[DistributionRow] = field(default_factory=list)

    @property
    def shows_anything(self) -> bool:
        return self.is_closed and (self.visible.overall or bool(self.visible.teams))

    @property
    def conversation_starters(self) -> list[ThemeRow]:
        """The highlighted themes, largest gap first."""
        return sorted(
            (row for row in self.themes if row.highlighted), key=lambda row: -abs(row.gap)
        )

    @property
    def hidden_teams(self) -> list[str]:
        return [team for team in TEAMS if team not in self.visible.teams]


def _score(average: float | None) -> int | None:
    return None if average is None else score_from_average(average)


def round_result(
    round_: Round, *, reader: Person | None, today: datetime.date | None = None
) -> RoundResult:
    """Everything the result page shows to `reader`, with the anonymity rules already
    applied (the reader's own answers do not count towards the minimum): what may not be
    shown is simply not in the result."""
    answers = Answer.objects.filter(invitation__round=round_)
    per_team = (
        Invitation.objects.filter(round=round_, answered_at__isnull=False)
        .values_list("team__code")
        .annotate(n=Count("pk"), readers=Count("pk", filter=Q(person=reader)))
    )
    respondents = dict.fromkeys(TEAMS, 0)
    reader_team = None
    for team, count, readers in per_team:
        respondents[team] = count
        reader_team = team if readers else reader_team
    result = RoundResult(
        round=round_,
        respondents=respondents,
        visible=visibility(respondents, reader_team=reader_team),
        is_closed=not round_.is_open(today),
    )
    if not result.is_closed:
        return result
    # Sums and counts per team: the overall average follows without another query.
    per_team_totals = answers.values_list("invitation__team__code").annotate(
        total=Sum("rating"), n=Count("pk")
    )
    totals = {team: (total, n) for team, total, n in per_team_totals}
    team_averages = {team: total / n for team, (total, n) in totals.items()}
    result.team_scores = [
        TeamScore(
            team,
            _score(team_averages.get(team)) if team in result.visible.teams else None,
            None,
            respondents[team],
        )
        for team in TEAMS
    ]
    for team_score in result.team_scores:
        if team_score.score is not None:
            team_score.stage = stage_for(team_score.score)
    if result.visible.overall:
        result.score = _score(_average(totals.values()))
        result.stage = stage_for(result.score) if result.score is not None else None
    statements = list(round_.questionnaire.statements.select_related("theme"))
    result.themes = _theme_rows(answers, statements, result.visible)
    if result.visible.spread:
        result.distribution = _distribution(answers, statements)
    return result


def _average(totals) -> float | None:
    """The average rating of (sum, count) pairs taken together."""
    totals = list(totals)
    count = sum(n for _total, n in totals)
    return sum(total for total, _n in totals) / count if count else None


def _theme_rows(
    answers: QuerySet[Answer], statements: list[Statement], visible: Visibility
) -> list[ThemeRow]:
    totals: dict[tuple[int, str], tuple[int, int]] = {
        (row["statement__theme"], row["invitation__team__code"]): (row["total"], row["n"])
        for row in answers.values("statement__theme", "invitation__team__code").annotate(
            total=Sum("rating"), n=Count("pk")
        )
    }
    per_team = {key: total / n for key, (total, n) in totals.items()}
    by_theme: dict[int, list[tuple[int, int]]] = {}
    for (theme_id, _team), counted in totals.items():
        by_theme.setdefault(theme_id, []).append(counted)
    overall = {theme_id: _average(counted) for theme_id, counted in by_theme.items()}
    themes = list({statement.theme_id: statement.theme for statement in statements}.values())
    rows = []
    for theme in themes:
        marketing, sales = (
            per_team.get((theme.pk, team)) if team in visible.teams else None for team in TEAMS
        )
        rows.append(
            ThemeRow(
                theme=theme,
                marketing=marketing,
                sales=sales,
                overall=overall.get(theme.pk) if visible.overall else None,
                gap=gap(marketing, sales),
            )
        )
    highlighted = set(largest_gaps({row.theme.pk: row.gap for row in rows}))
    for row in rows:
        row.highlighted = row.theme.pk in highlighted
    return rows


def _distribution(answers: QuerySet[Answer], statements: list[Statement]) -> list[DistributionRow]:
    counts = {
        row["statement"]: [row[f"r{rating}"] for rating in range(1, 6)]
        for row in answers.values("statement").annotate(
            **{f"r{rating}": Count("pk", filter=Q(rating=rating)) for rating in range(1, 6)}
        )
    }
    return [DistributionRow(s, counts.get(s.pk, [0] * 5)) for s in statements]


@dataclass
class HistoryPoint:
    round: Round
    score: int | None
    stage: RelationshipStage | None
    marketing: int | None
    sales: int | None


def history(*, reader: Person | None, today: datetime.date | None = None) -> list[HistoryPoint]:
    """Every closed round, oldest first, with the scores anonymity allows `reader`."""
    today = today or timezone.localdate()
    answered = Q(invitations__answered_at__isnull=False)
    by_reader = Q(invitations__person=reader)
    annotations = {"average": Avg("invitations__answers__rating")}
    for team in TEAMS:
        in_team = Q(invitations__team__code=team)
        annotations[f"{team}_average"] = Avg("invitations__answers__rating", filter=in_team)
        annotations[f"{team}_respondents"] = Count(
            "invitations", filter=in_team & answered, distinct=True
        )
        annotations[f"{team}_reader"] = Count(
            "invitations", filter=in_team & answered & by_reader, distinct=True
        )
    rounds = Round.objects.closed(today).annotate(**annotations).order_by("opened_at")
    return [_history_point(round_) for round_ in rounds]


def _history_point(round_: Round) -> HistoryPoint:
    reader_team = next((team for team in TEAMS if getattr(round_, f"{team}_reader")), None)
    respondents = {team: getattr(round_, f"{team}_respondents") for team in TEAMS}
    visible = visibility(respondents, reader_team=reader_team)
    score = _score(round_.average) if visible.overall else None
    team_scores = [
        _score(getattr(round_, f"{team}_average")) if team in visible.teams else None
        for team in TEAMS
    ]
    return HistoryPoint(
        round=round_,
        score=score,
        stage=stage_for(score) if score is not None else None,
        marketing=team_scores[0],
        sales=team_scores[1],
    )


def actions_by_step(round_: Round) -> dict[str, ActionItem]:
    items = ActionItem.objects.filter(source_round=round_).exclude(playbook_step="")
    return {item.playbook_step: item for item in items.select_related("owner__user")}


def invitation_of(round_: Round, person: Person | None) -> Invitation | None:
    return Invitation.objects.filter(round=round_, person=person).first()


def own_ratings(invitation: Invitation) -> list[tuple[int, int]]:
    """(statement id, rating) of one person's own answers: only ever shown to them."""
    return list(Answer.objects.filter(invitation=invitation).values_list("statement_id", "rating"))
