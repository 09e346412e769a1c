"""The column names of CRM exports and spreadsheets, recognised as lead fields.

Headers are compared normalised: lower case, letters and digits only, so "Company /
Account", "company_account" and "COMPANY-ACCOUNT" are one name. The lists cover the exports
of HubSpot, Salesforce, Pipedrive ("Person - …", "Organization - …"), Zoho, Microsoft
Dynamics and Dutch (and Flemish) spreadsheets. Pure: no database.
"""

import re

HEADER_ALIASES = {
    "first_name": [
        "firstname", "givenname", "forename", "first", "personfirstname", "contactfirstname",
        "leadfirstname", "voornaam", "roepnaam",
    ],
    "name_prefix": ["tussenvoegsel", "tussenvoegsels", "voorvoegsel", "nameprefix"],
    "last_name": [
        "lastname", "surname", "familyname", "last", "personlastname", "contactlastname",
        "leadlastname", "achternaam", "familienaam",
    ],
    "email": [
        "email", "emailaddress", "workemail", "primaryemail", "businessemail", "email1",
        "personemail", "personemailwork", "personemailother", "contactemail", "leademail",
        "emailadres", "mail", "mailadres", "zakelijkemailadres", "emailzakelijk",
    ],
    "phone": [
        "phone", "phonenumber", "telephone", "businessphone", "workphone", "directphone",
        "mobilephone", "mobilephonenumber", "mobile", "personphone", "personphonework",
        "personphonemobile", "officephone", "telefoon", "telefoonnummer", "telefoonwerk",
        "zakelijketelefoon", "telefoonnummerwerk", "mobiel", "mobielnummer",
        "mobieletelefoon", "mobieltelefoonnummer", "tel",
    ],
    "company": [
        "company", "companyname", "companyaccount", "accountname", "account", "organization",
        "organisation", "organizationname", "organisationname", "personorganization",
        "bedrijf", "bedrijfsnaam", "organisatie", "organisatienaam", "firma", "klantnaam",
    ],
    "job_title": [
        "jobtitle", "title", "position", "designation", "role", "personjobtitle",
        "functie", "functietitel", "functienaam", "functieomschrijving", "rol",
    ],
    "industry": [
        "industry", "organizationindustry", "accountindustry", "branche", "sector",
        "industrie", "bedrijfstak",
    ],
    "employees": [
        "numberofemployees", "employees", "noofemployees", "employeecount", "companysize",
        "organizationnumberofemployees", "aantalmedewerkers", "medewerkers",
        "aantalwerknemers", "werknemers", "aantalpersoneelsleden", "bedrijfsgrootte",
        "aantalfte", "fte",
    ],
    "annual_revenue": [
        "annualrevenue", "revenue", "organizationannualrevenue", "jaaromzet", "omzet",
        "omzetperjaar", "jaarlijkseomzet",
    ],
    "country": [
        "country", "countryregion", "countrycode", "mailingcountry", "billingcountry",
        "address1countryregion", "organizationaddresscountry", "personcountry",
        "land", "landregio", "vestigingsland",
    ],
    "estimated_value": [
        "estimatedvalue", "expectedvalue", "estvalue", "dealvalue", "budgetamount",
        "potentialvalue", "geschattewaarde", "verwachtewaarde", "dealwaarde", "waarde",
    ],
    "campaign": [
        "campaign", "utmcampaign", "campaigncode", "campaignname", "campaignsource",
        "primarycampaignsource", "sourcecampaign", "campagne", "campagnecode", "campagnenaam",
    ],
    "owner": [
        "owner", "leadowner", "contactowner", "accountowner", "recordowner", "ownername",
        "owneremail", "hubspotowner", "personowner", "eigenaar", "leadeigenaar",
        "accountmanager", "verkoper", "behandelaar",
    ],
    "created_at": [
        "createddate", "createdate", "createdon", "createdtime", "createdat", "created",
        "datecreated", "creationdate", "leadcreateddate", "personaddtime",
        "personpersoncreated", "addtime", "aangemaaktop", "aangemaakt", "aanmaakdatum",
        "datumaangemaakt", "gemaaktop", "toegevoegdop", "datumtoegevoegd",
    ],
}  # fmt: skip
ALIAS_TO_FIELD = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}


def normalise_header(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def auto_mapping(headers: list[str]) -> dict[str, str]:
    """Column index (as text, for JSON) → field name; each field at most once."""
    mapping: dict[str, str] = {}
    for index, header in enumerate(headers):
        name = ALIAS_TO_FIELD.get(normalise_header(header))
        if name and name not in mapping.values():
            mapping[str(index)] = name
    return mapping
