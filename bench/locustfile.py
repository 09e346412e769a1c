"""Load test: 20 people at once on the million-lead data, against gunicorn (2 workers),
PostgreSQL and Redis, as in production. See bench/load_test.sh for the whole run.

Marketing managers browse the lead list with filters, sorts and searches and open leads;
salespeople open their queue and accept or reject a lead from it; everyone searches the
who-is-who. A watcher requests /healthz (one SELECT 1 and a broker ping) beside them, so
the report compares the pages with a trivial view served by the same workers in the
same run. The accepts and rejects change the data: run it on a benchmark database.
"""

import random
import re

from locust import HttpUser, between, task

PASSWORD = "alignment-demo"
MANAGERS = ["manager-marketing", "marketeer", "directeur"]
SALESPEOPLE = ["verkoper", "fatima", "joris", "noor"]
LEADS = 1_000_000
STAGES = ["", "", "new", "mql", "sal", "sql", "won", "rejected", "disqualified"]
FITS = ["", "", "high", "medium", "low"]
SORTS = ["newest", "newest", "oldest", "fit", "name", "company"]
SEARCHES = ["", "", "", "jansen", "bakker", "de vries", "metaal", "bv", "zzqx", "@gmail.com"]
PEOPLE_SEARCHES = ["", "sander", "zorg", "logistiek", "key account", "marketing"]
ACCEPT = re.compile(r"/leads/(\d+)/accept/")
CONTACT = re.compile(r"/leads/(\d+)/contact/")
REASON = re.compile(r'name="reason"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([a-z_]+)"')


class Signed(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    usernames: list[str] = []

    def on_start(self) -> None:
        self.client.get("/accounts/login/", name="login")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/accounts/login/",
            {"username": random.choice(self.usernames), "password": PASSWORD,
             "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
        )  # fmt: skip

    def post(self, path: str, data: dict, name: str):
        token = self.client.cookies.get("csrftoken", "")
        headers = {"X-CSRFToken": token, "HX-Request": "true", "Referer": f"{self.host}/queue/"}
        return self.client.post(path, data, headers=headers, name=name)

    @task(1)
    def who_is_who(self) -> None:
        q = random.choice(PEOPLE_SEARCHES)
        self.client.get("/people/", params={"q": q} if q else {}, name="/people/?q")


class Marketing(Signed):
    weight = 3
    usernames = MANAGERS

    @task(6)
    def lead_list(self) -> None:
        params = {"sort": random.choice(SORTS)}
        for name, values in (("stage", STAGES), ("fit", FITS), ("q", SEARCHES)):
            value = random.choice(values)
            if value:
                params[name] = value
        if random.random() < 0.3:
            params["segment"] = random.randint(1, 5)
        if random.random() < 0.1:
            params["page"] = random.randint(2, 20)
        self.client.get("/leads/", params=params, headers={"HX-Request": "true"},
                        name="/leads/ (filters)")  # fmt: skip

    @task(3)
    def lead_page(self) -> None:
        self.client.get(f"/leads/{random.randint(1, LEADS)}/", name="/leads/<id>/")


class Sales(Signed):
    weight = 2
    usernames = SALESPEOPLE

    @task(4)
    def queue(self) -> None:
        """The queue's first page, or one further on (the leads to accept come after the
        overdue first contacts in the demo data); then act on a row of it."""
        number = random.choice([1, 1, random.randint(25, 120)])
        page = self.client.get("/queue/", params={"page": number}, name="/queue/")
        waiting = ACCEPT.findall(page.text)
        if waiting and random.random() < 0.6:
            pk = random.choice(waiting)
            select = REASON.search(page.text)
            reasons = OPTION.findall(select.group(1)) if select else []
            if random.random() < 0.7 or not reasons:
                self.post(f"/leads/{pk}/accept/", {"expected": "mql"}, name="accept")
            else:
                data = {"reason": random.choice(reasons), "note": "Load test", "expected": "mql"}
                self.post(f"/leads/{pk}/reject/", data, name="reject")
            return
        to_contact = CONTACT.findall(page.text)
        if to_contact and random.random() < 0.3:
            data = {"channel": "call", "note": "Load test"}
            self.post(f"/leads/{random.choice(to_contact)}/contact/", data, name="first contact")

    @task(2)
    def lead_page(self) -> None:
        self.client.get(f"/leads/{random.randint(1, LEADS)}/", name="/leads/<id>/")


class Watcher(HttpUser):
    """The trivial view, requested beside the pages by the same workers."""

    weight = 1
    wait_time = between(0.5, 1)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="/healthz")
