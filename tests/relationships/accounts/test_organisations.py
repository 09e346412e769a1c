"""Organisations recognised from the leads, which leads are theirs, and the managers'
merge and split."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from leads.models import Lead
from relationships.accounts import services
from relationships.accounts.matching import KeyMap, key_map, leads_of
from relationships.models import KeyAccount, KeyKind, Organisation, OrganisationKey
from tests.queries import assert_same_query_count
from tests.relationships.accounts.helpers import key_account, lead, organisation


@pytest.fixture
def leads(db):
    """Van Dijk Metaal writes from two domains (and once from gmail); Delta Infra from
    its own; two private addresses at gmail with other companies."""
    return {
        "vd1": lead("Van Dijk Metaal B.V.", "jan@vandijkmetaal.nl"),
        "vd2": lead("van dijk metaal", "piet@vandijkmetaal.nl"),
        "vd3": lead("Van Dijk Metaal", "kees@vandijkmetaal.be"),
        "vd4": lead("Van Dijk Metaal bv", "anna.vandijk@gmail.com"),
        "delta": lead("Delta Infra", "eva@delta-infra.nl"),
        "private": lead("Zeeland Agro", "bram@gmail.com"),
    }


def _keys(name: str) -> set[tuple[str, str]]:
    return set(Organisation.objects.get(name=name).keys.values_list("kind", "value"))


@pytest.mark.both_databases
def test_recognition_makes_an_organisation_per_company_with_its_domains(leads):
    assert services.recognise_organisations() == 3
    assert _keys("Van Dijk Metaal") == {
        ("name", "van dijk metaal"),
        ("domain", "vandijkmetaal.nl"),
        ("domain", "vandijkmetaal.be"),
    }
    assert _keys("Delta Infra") == {("name", "delta infra"), ("domain", "delta-infra.nl")}
    assert _keys("Zeeland Agro") == {("name", "zeeland agro")}
    assert not OrganisationKey.objects.filter(value="gmail.com").exists()


def test_recognition_twice_adds_nothing_and_new_leads_join(leads):
    services.recognise_organisations()
    assert services.recognise_organisations() == 0
    lead("Van Dijk Metaal Holding", "ceo@vandijkmetaal.nl")
    assert services.recognise_organisations() == 0
    assert ("name", "van dijk metaal holding") in _keys("Van Dijk Metaal")


def _members(organisation_: Organisation) -> set[int]:
    keys = organisation_.keys.all()
    return set(Lead.objects.filter(leads_of(keys)).values_list("pk", flat=True))


@pytest.mark.both_databases
def test_the_domain_decides_first_then_the_name(leads, manager):
    vandijk = organisation("Van Dijk Metaal")
    assert _members(vandijk) == {leads[k].pk for k in ("vd1", "vd2", "vd3", "vd4")}
    # A manager splits the Belgian domain off: its lead goes along, whatever its name.
    be = vandijk.keys.get(value="vandijkmetaal.be")
    belgium = services.split_key(organisation_id=vandijk.pk, key_id=be.pk, name="VD België",
                                 by=manager)  # fmt: skip
    assert _members(belgium) == {leads["vd3"].pk}
    assert _members(vandijk) == {leads[k].pk for k in ("vd1", "vd2", "vd4")}


@pytest.mark.both_databases
def test_both_definitions_of_a_leads_organisation_agree(leads, manager):
    vandijk = organisation("Van Dijk Metaal")
    be = vandijk.keys.get(value="vandijkmetaal.be")
    services.split_key(organisation_id=vandijk.pk, key_id=be.pk, name="VD België", by=manager)
    lead("Van Dijk Metaal", "x@unknown-domain.nl")  # a domain no one recognised yet
    lead("Delta Infra", "y@vandijkmetaal.nl")  # typed another company's name
    pairs = Lead.objects.values_list("pk", "email_domain", "company_key")
    every_key = KeyMap(OrganisationKey.objects.all())
    looked_up = {pk: every_key.organisation_of(domain, name) for pk, domain, name in pairs}
    for organisation_ in Organisation.objects.all():
        assert _members(organisation_) == {pk for pk, org in looked_up.items()
                                           if org == organisation_.pk}  # fmt: skip
    assert None not in looked_up.values()
    # The map of the keys asked for gives the same answers as the map of every key.
    asked = key_map((domain, name) for _pk, domain, name in pairs)
    assert {pk: asked.organisation_of(d, n) for pk, d, n in pairs} == looked_up


def test_a_manager_merges_two_organisations_with_their_keys_and_key_account(
    leads, manager, salesperson, marketer
):
    vandijk, delta = organisation("Van Dijk Metaal"), organisation("Delta Infra")
    account = key_account(delta, by=manager, account_manager=salesperson, marketer=marketer)
    services.merge_organisations(source_id=delta.pk, target_id=vandijk.pk, by=manager)
    assert not Organisation.objects.filter(pk=delta.pk).exists()
    assert ("domain", "delta-infra.nl") in _keys("Van Dijk Metaal")
    assert KeyAccount.objects.get(pk=account.pk).organisation_id == vandijk.pk
    assert leads["delta"].pk in _members(vandijk)


def test_merging_refuses_two_key_accounts_itself_and_non_managers(
    leads, manager, salesperson, marketer
):
    vandijk, delta = organisation("Van Dijk Metaal"), organisation("Delta Infra")
    for org in (vandijk, delta):
        key_account(org, by=manager, account_manager=salesperson, marketer=marketer)
    before = sorted(OrganisationKey.objects.values_list("organisation_id", "value"))
    with pytest.raises(ValidationError, match="Both are key accounts"):
        services.merge_organisations(source_id=delta.pk, target_id=vandijk.pk, by=manager)
    with pytest.raises(ValidationError):
        services.merge_organisations(source_id=delta.pk, target_id=delta.pk, by=manager)
    with pytest.raises(PermissionDenied):
        services.merge_organisations(source_id=delta.pk, target_id=vandijk.pk, by=salesperson)
    assert sorted(OrganisationKey.objects.values_list("organisation_id", "value")) == before


def test_splitting_keeps_at_least_one_key_and_needs_a_name(leads, manager, marketer):
    agro = organisation("Zeeland Agro")
    only = agro.keys.get()
    with pytest.raises(ValidationError, match="only key"):
        services.split_key(organisation_id=agro.pk, key_id=only.pk, name="Other", by=manager)
    vandijk = organisation("Van Dijk Metaal")
    key = vandijk.keys.get(kind=KeyKind.DOMAIN, value="vandijkmetaal.be")
    with pytest.raises(ValidationError):
        services.split_key(organisation_id=vandijk.pk, key_id=key.pk, name="  ", by=manager)
    with pytest.raises(ValidationError):  # the key is not this organisation's
        services.split_key(organisation_id=agro.pk, key_id=key.pk, name="X", by=manager)
    with pytest.raises(PermissionDenied):
        services.split_key(organisation_id=vandijk.pk, key_id=key.pk, name="X", by=marketer)
    assert Organisation.objects.count() == 3


# The pages ------------------------------------------------------------------------------


def test_the_merge_asks_to_confirm_then_merges(login, leads, manager):
    vandijk, delta = organisation("Van Dijk Metaal"), organisation("Delta Infra")
    client = login(manager)
    url = reverse("relationships:organisation_merge", args=[delta.pk])
    page = client.get(url, {"into": vandijk.pk})
    assert "Merge Delta Infra into Van Dijk Metaal?" in page.content.decode()
    assert Organisation.objects.filter(pk=delta.pk).exists()
    response = client.post(url, {"into": vandijk.pk})
    assert response.url == reverse("relationships:organisation", args=[vandijk.pk])
    assert not Organisation.objects.filter(pk=delta.pk).exists()


def test_a_refused_merge_or_split_says_why_and_changes_nothing(login, leads, manager):
    agro = organisation("Zeeland Agro")
    client = login(manager)
    merge = reverse("relationships:organisation_merge", args=[agro.pk])
    response = client.post(merge, {"into": agro.pk}, follow=True)
    assert "Choose another organisation" in response.content.decode()
    response = client.post(merge, {"into": "x"}, follow=True)
    assert "Choose the organisation to merge with" in response.content.decode()
    split = reverse("relationships:organisation_split", args=[agro.pk])
    response = client.post(split, {"key": agro.keys.get().pk, "name": "B"}, follow=True)
    assert "only key" in response.content.decode()
    assert Organisation.objects.count() == 3


def test_a_manager_splits_a_key_off_from_the_page(login, leads, manager):
    vandijk = organisation("Van Dijk Metaal")
    key = vandijk.keys.get(value="vandijkmetaal.be")
    response = login(manager).post(
        reverse("relationships:organisation_split", args=[vandijk.pk]),
        {"key": key.pk, "name": "Van Dijk België"},
    )
    new = Organisation.objects.get(name="Van Dijk België")
    assert response.url == reverse("relationships:organisation", args=[new.pk])
    assert list(new.keys.values_list("value", flat=True)) == ["vandijkmetaal.be"]


def test_the_organisation_list_searches_names_and_keys(login, leads, salesperson):
    organisation("Delta Infra")
    client = login(salesperson)
    url = reverse("relationships:organisations")
    found = client.get(url, {"q": "vandijkmetaal.be"}, headers={"HX-Request": "true"})
    assert "Van Dijk Metaal" in found.content.decode()
    assert "Delta Infra" not in found.content.decode()
    assert "<html" not in found.content.decode()


def test_only_managers_see_merge_and_split(login, leads, salesperson, manager):
    vandijk = organisation("Van Dijk Metaal")
    url = reverse("relationships:organisation", args=[vandijk.pk])
    assert "Split off" not in login(salesperson).get(url).content.decode()
    page = login(manager).get(url, {"q": "delta"})
    assert "Split off" in page.content.decode()
    assert "Merge into Delta Infra" in page.content.decode()


def test_organisation_pages_run_a_constant_number_of_queries(login, leads, manager):
    vandijk = organisation("Van Dijk Metaal")
    client = login(manager)

    def pages():
        assert client.get(reverse("relationships:organisations")).status_code == 200
        url = reverse("relationships:organisation", args=[vandijk.pk])
        assert client.get(url, {"q": "a"}).status_code == 200

    def grow():
        for n in range(5):
            lead(f"Firm {n}", f"x@firm{n}.nl")
            lead("Van Dijk Metaal", f"y{n}@vandijkmetaal.nl")
        services.recognise_organisations()

    assert_same_query_count(pages, grow)
