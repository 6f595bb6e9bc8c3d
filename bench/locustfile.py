"""The users bench/load.py drives (read bench/load.py first). LOAD_DATA names a JSON file with
the logins, ids and Passion Test tokens load.py seeded."""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["LOAD_DATA"]).read())  # noqa: SIM115
TESTS = itertools.cycle(DATA["tests"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Staff(HttpUser):
    abstract = True
    wait_time = between(0.2, 1.0)
    username = password = ""

    def on_start(self):
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": self.password, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="log in",
        )

    def post_form(self, url: str, data: dict, name: str):
        page = self.client.get(url, name=name + " (form)")
        token = CSRF.search(page.text).group(1)
        return self.client.post(
            url,
            data | {"csrfmiddlewaretoken": token},
            headers={"Referer": self.host + url},
            name=name,
        )


class HiringManager(Staff):
    weight = 3
    username, password = DATA["manager"]

    @task(2)
    def shortlist(self):
        self.client.get(f"/roles/{random.choice(DATA['roles'])}/shortlist/", name="shortlist")

    @task(3)
    def profile(self):
        self.client.get(
            f"/applications/{random.choice(DATA['applications'])}/profile/", name="profile"
        )


class Interviewer(Staff):
    weight = 1
    username, password = DATA["interviewer"]

    @task
    def scorecard(self):
        interview = DATA["interview"]
        data = {"recommendation": random.choice(["yes", "strong_yes", "no"]), "summary": "Load"}
        for trait in interview["traits"]:
            data[f"rating_{trait}"] = str(random.randint(1, 5))
            data[f"evidence_{trait}"] = "Explained why they rang the customer back the next day."
        self.post_form(f"/interviews/{interview['pk']}/scorecard/", data, "scorecard submit")


class Candidate(HttpUser):
    """Opens a fresh Passion Test link and goes through its pages: on each, half the answers
    and then all of them saved as they go (htmx), then Next (Submit on the last page)."""

    weight = 2
    wait_time = between(0.5, 2.0)

    @task
    def take_the_test(self):
        test = next(TESTS)
        url = f"/t/{test['token']}/"
        page = self.client.get(url + "p/1/", name="passion test page")
        if page.status_code != 200:
            return
        for number, answers in enumerate(test["pages"], start=1):
            csrf = CSRF.search(page.text).group(1)
            page_url = f"{url}p/{number}/"
            headers = {"Referer": self.host + page_url}
            items = list(answers.items())
            for part in (dict(items[: len(items) // 2]), answers):
                self.client.post(
                    page_url + "save/",
                    part | {"csrfmiddlewaretoken": csrf},
                    headers=headers | {"HX-Request": "true"},
                    name="passion test answers",
                )
            last = number == len(test["pages"])
            page = self.client.post(
                page_url,
                answers | {"csrfmiddlewaretoken": csrf, "go": "submit" if last else "next"},
                headers=headers,
                name="passion test submit" if last else "passion test page",
            )
            if page.status_code != 200:
                return


class Baseline(HttpUser):
    wait_time = between(0.2, 1.0)

    @task
    def baseline(self):
        self.client.get("/bench/baseline/", name="baseline")
