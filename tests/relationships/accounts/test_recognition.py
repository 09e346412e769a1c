"""Which organisations the leads show (pure rules, no database)."""

from relationships.accounts.recognition import DOMAIN, NAME, Group, is_business_domain, plan


def _new(result) -> dict[str, set]:
    return {organisation.name: set(organisation.keys) for organisation in result.new}


def test_a_name_and_the_domains_its_leads_write_from_make_one_organisation():
    result = plan(
        [
            Group("van dijk metaal", "Van Dijk Metaal B.V.", "vandijkmetaal.nl", 5),
            Group("van dijk metaal", "Van Dijk Metaal", "vandijkmetaal.be", 2),
            Group("van dijk metaal", "Van Dijk Metaal", "gmail.com", 1),
        ],
        known={},
    )
    assert _new(result) == {
        "Van Dijk Metaal B.V.": {
            (NAME, "van dijk metaal"),
            (DOMAIN, "vandijkmetaal.nl"),
            (DOMAIN, "vandijkmetaal.be"),
        }
    }


def test_free_mail_and_domains_no_company_dominates_are_no_keys():
    result = plan(
        [
            Group("acme", "Acme", "gmail.com", 9),
            Group("acme", "Acme", "ugent.be", 1),
            Group("brons", "Brons", "ugent.be", 1),
            Group("cobalt", "Cobalt", "ugent.be", 1),
        ],
        known={},
    )
    assert _new(result) == {
        "Acme": {(NAME, "acme")},
        "Brons": {(NAME, "brons")},
        "Cobalt": {(NAME, "cobalt")},
    }
    assert not is_business_domain("hotmail.com") and is_business_domain("acme.nl")


def test_a_second_spelling_joins_the_organisation_of_the_domain_it_writes_from():
    result = plan(
        [
            Group("acme", "Acme", "acme.nl", 8),
            Group("acme nederland", "Acme Nederland", "acme.nl", 3),
        ],
        known={},
    )
    assert _new(result) == {"Acme": {(NAME, "acme"), (DOMAIN, "acme.nl"), (NAME, "acme nederland")}}


def test_a_domain_without_company_names_is_an_organisation_of_its_own():
    result = plan([Group("", "", "delta-infra.nl", 4)], known={})
    assert _new(result) == {"delta-infra.nl": {(DOMAIN, "delta-infra.nl")}}


def test_known_keys_stay_put_and_new_ones_join_their_organisation():
    known = {(NAME, "acme"): 7, (DOMAIN, "acme.be"): 8}  # a manager split acme.be off
    result = plan(
        [
            Group("acme", "Acme", "acme.nl", 5),
            Group("acme", "Acme", "acme.be", 5),
            Group("acme belgie", "Acme België", "acme.be", 2),
        ],
        known=known,
    )
    assert result.new == []
    assert sorted(result.joins) == [(7, DOMAIN, "acme.nl"), (8, NAME, "acme belgie")]


def test_the_same_counts_give_the_same_plan():
    groups = [Group(f"firm {n}", f"Firm {n}", f"firm{n % 3}.nl", n + 1) for n in range(9)]
    assert plan(groups, known={}) == plan(list(reversed(groups)), known={})
