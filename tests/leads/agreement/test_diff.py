"""What a draft changes against the version in force, rule by rule: the pure comparison,
and the draft page and the history that show it."""

from datetime import time

from django.urls import reverse
from django.utils import translation

from alignment.models import TeamCode
from leads.agreement import cycle, diff
from leads.agreement import services as agreements
from leads.models import HandoffAgreement
from tests.leads.handoff.helpers import make_agreement
from tests.queries import assert_same_query_count


def _rules(**values) -> dict:
    return HandoffAgreement().rules() | {"salespeople": []} | values


def _by_field(old: dict, new: dict) -> dict[str, diff.Change]:
    with translation.override("en"):
        return {change.field: change for change in diff.changes(old, new)}


# The pure comparison ---------------------------------------------------------------------


def test_equal_rules_have_no_changes_and_the_note_is_not_a_rule():
    assert diff.changes(_rules(), _rules(change_note="Shorter deadlines")) == []


def test_a_single_value_shows_old_and_new():
    found = _by_field(_rules(), _rules(accept_hours=8, work_start=time(8, 30)))
    assert set(found) == {"accept_hours", "work_start"}
    assert (found["accept_hours"].old, found["accept_hours"].new) == ("24", "8")
    assert (found["work_start"].old, found["work_start"].new) == ("09:00", "08:30")
    assert found["accept_hours"].label == "Accept or reject within (hours)"
    assert not found["accept_hours"].is_list


def test_choices_and_flags_show_their_labels_not_their_codes():
    found = _by_field(_rules(), _rules(assignment="segment_owner", working_hours_only=False))
    assert found["assignment"].old == "Round robin over the salespeople"
    assert found["assignment"].new == "The owner of the lead's segment"
    assert (found["working_hours_only"].old, found["working_hours_only"].new) == ("Yes", "No")


def test_lists_show_what_was_added_and_removed():
    old = _rules(required_fields=["phone"], rejection_reasons=["no_need", "no_budget"])
    new = _rules(
        required_fields=["phone", "company"],
        rejection_reasons=["no_need", "Already a customer"],
        work_days=[0, 1, 2, 3],
        salespeople=["Sam Tester"],
    )
    found = _by_field(old, new)
    assert found["required_fields"].added == ("Company",)
    assert found["required_fields"].removed == ()
    assert found["rejection_reasons"].added == ("Already a customer",)
    assert found["rejection_reasons"].removed == ("No budget",)
    assert found["work_days"].removed == ("Friday",)
    assert found["salespeople"].added == ("Sam Tester",)
    assert all(found[name].is_list for name in found)


def test_a_list_in_another_order_is_no_change():
    old = _rules(required_fields=["phone", "company"])
    assert diff.changes(old, _rules(required_fields=["company", "phone"])) == []


def test_buying_cycle_phases_added_removed_and_changed_in_place():
    with translation.override("en"):
        default = [phase.as_dict() for phase in cycle.default_phases()]
    changed = [dict(row) for row in default]
    changed[0]["owner"] = cycle.SHARED  # Need awareness, now together
    changed[2]["stages"] = ["mql"]  # Comparison loses SAL
    del changed[5]  # Loyalty
    changed.append({**default[5], "name": "Advocacy"})
    found = _by_field(_rules(buying_cycle=default), _rules(buying_cycle=changed))
    change = found["buying_cycle"]
    assert change.is_list
    assert (change.added, change.removed) == (("Advocacy",), ("Loyalty",))
    assert {(p.phase, p.aspect, p.old, p.new) for p in change.phases} == {
        ("Need awareness", "Owner", "Marketing", "Marketing and sales together"),
        ("Comparison", "Lead stages", "MQL, SAL", "MQL"),
    }
    assert change.old == ""  # the order of the phases kept is the same


def test_phases_in_another_order_say_so():
    with translation.override("en"):
        default = [phase.as_dict() for phase in cycle.default_phases()]
    moved = [default[1], default[0], *default[2:]]
    change = _by_field(_rules(buying_cycle=default), _rules(buying_cycle=moved))["buying_cycle"]
    assert change.old.startswith("Need awareness → Orientation")
    assert change.new.startswith("Orientation → Need awareness")


# The pages -------------------------------------------------------------------------------


def _draft(by, **values):
    rules = HandoffAgreement().rules() | {"working_hours_only": False} | values
    return agreements.save_draft(segment=None, values=rules, salespeople=[], by=by)


def test_the_draft_page_shows_the_approver_each_change_against_the_version_in_force(
    login, manager, sales_manager
):
    make_agreement(marketing=manager, sales=sales_manager, accept_hours=24)
    draft = _draft(manager, accept_hours=8, required_fields=["phone"])
    page = login(sales_manager).get(reverse("leads:agreement_version", args=[draft.pk]))
    html = page.text
    assert "(v1)" in html
    assert '<li class="diff-rule" data-field="accept_hours">' in html
    rule = html.split('data-field="accept_hours">')[1].split("</li>")[0]
    assert "24</del>" in rule and "8</ins>" in rule
    required = html.split('data-field="required_fields">')[1].split("</li>")[0]
    assert 'class="diff-added"' in required and "Telefoon" in required
    assert 'data-field="min_fit_score"' not in html  # unchanged rules are not listed


def test_a_first_version_says_there_is_nothing_to_compare(login, manager):
    draft = _draft(manager)
    page = login(manager).get(reverse("leads:agreement_version", args=[draft.pk]))
    assert "diff-rule" not in page.text
    assert page.context["base"] is None


def test_the_history_shows_what_each_version_changed(login, manager, sales_manager):
    make_agreement(marketing=manager, sales=sales_manager, recycle_days=90)
    second = _draft(sales_manager, recycle_days=30)
    agreements.approve(
        agreement_id=second.pk, team=TeamCode.SALES, by=sales_manager, revision=second.revision
    )
    page = login(manager).get(reverse("leads:agreement_history"))
    rows = page.context["rows"]
    assert [(version.version, [c.field for c in changes]) for version, changes in rows] == [
        (2, ["recycle_days"]),
        (1, []),
    ]
    assert "90</del>" in page.text and "30</ins>" in page.text


def test_the_history_runs_the_same_queries_with_more_versions(login, manager, sales_manager):
    client = login(manager)
    url = reverse("leads:agreement_history")

    def versions(count: int) -> None:
        for index in range(count):
            make_agreement(marketing=manager, sales=sales_manager, accept_hours=10 + index)

    versions(2)
    assert_same_query_count(lambda: client.get(url), lambda: versions(3))


def test_the_default_map_written_down_unchanged_is_no_change_in_either_language():
    """An agreement without a map of its own shows the default in the reader's language;
    the same map typed out in Dutch is not a change for an English reader."""
    with translation.override("nl"):
        dutch = [phase.as_dict() for phase in cycle.default_phases()]
    assert _by_field(_rules(buying_cycle=[]), _rules(buying_cycle=dutch)) == {}
    dutch[1]["owner"] = cycle.SALES
    change = _by_field(_rules(buying_cycle=[]), _rules(buying_cycle=dutch))["buying_cycle"]
    assert (change.added, change.removed) == ((), ())
    assert [(p.phase, p.old, p.new) for p in change.phases] == [
        ("Oriëntatie", "Marketing", "Sales")
    ]


def test_the_history_without_any_version_says_so(login, marketer):
    page = login(marketer).get(reverse("leads:agreement_history"))
    assert page.status_code == 200 and page.context["rows"] == []


def test_the_comparison_covers_every_rule_a_version_holds():
    """diff.ORDER lists the rules in the agreement's reading order; a rule added to the model
    and forgotten there would drop out of every draft's comparison without a word."""
    compared = set(diff.ORDER)
    held = set(_rules()) - {"change_note"}  # the drafter's note is no rule
    assert compared == held
