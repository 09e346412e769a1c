"""The key accounts on a person's who-is-who card. The card belongs to alignment, which
imports no feature app (the apps depend one way); its template loads this library."""

from django import template

from alignment.models import Person
from relationships.accounts import queries

register = template.Library()


@register.inclusion_tag("relationships/accounts/_person_accounts.html")
def key_accounts_of(person: Person) -> dict:
    return {"accounts": queries.accounts_of(person), "person": person}
