"""The three page mixes bench/capacity.py drives, as streams of independent requests built
from what `_capacity_seed` seeded.

Each request stands on its own, so any number can be in flight and none waits for another:
a Passion Test being taken has every page shown already, so any page can be viewed, autosaved
or left with Next; Submit goes to a test answered to the end; each slot pick to its own
interview. A mix deals its kinds from a shuffled deck holding each kind as often as its
weight, so every stretch of the run has the mix's proportions.

The candidate mix is one applicant's whole journey, counted from the seeded test: the careers
list, the role, the apply form and the application (half of them with a 60 KB PDF CV), the
test's link twice (after applying, after submitting), each page once, an autosave per answer
change (a radio answer, each half of a most/least block, three per written answer as the box
is typed in), Next on every page but the last, Submit, the status page twice, and the slot
picker: the page twice (before and after) and the pick. Static files are left out (whitenoise
serves them, once per browser: their names carry a hash and are cached for a year).
"""

import http.client
import itertools
import random
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from _open_loop import Request, send

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = ("Content-Type", "application/x-www-form-urlencoded")
CV = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n" + b"%" * 60_000 + b"\n%%EOF\n"
AUTOSAVE_WINDOW = 200  # tests autosaved in turn: one test's saves come this many saves apart


class PoolExhausted(Exception):
    """The seeded once-only things (tests to submit, interviews to book) ran out."""


class Browser:
    """Just enough of one for the setup: cookies, and the CSRF token of a page's form."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def fetch(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie_header()}
        body = urlencode(fields).encode() if fields else None
        if body:
            headers["Content-Type"] = FORM[1]
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie(header)
                self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
            return response.status, text
        finally:
            connection.close()

    def csrf_token(self, path: str) -> str:
        status, text = self.fetch("GET", path)
        found = CSRF.search(text)
        if not found:
            raise SystemExit(f"no form on {path} (HTTP {status})")
        return found.group(1)

    def log_in(self, username: str, password: str) -> None:
        token = self.csrf_token("/accounts/login/")
        fields = {"username": username, "password": password, "csrfmiddlewaretoken": token}
        status, _ = self.fetch("POST", "/accounts/login/", fields)
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"could not log in as {username} (HTTP {status})")

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


class Mix:
    def __init__(self, name: str, kinds: list[tuple[str, int, object]], seed: int = 0):
        """`kinds`: (kind, weight, a function making one request of that kind)."""
        self.name = name
        self.weights = {kind: weight for kind, weight, _ in kinds}
        self.makers = {kind: make for kind, _, make in kinds}
        self.rng = random.Random(seed)  # noqa: S311 (an order of requests, not a secret)
        self.deck: list[str] = []

    def preflight(self, port: int) -> None:
        """One request of each kind, in the journey's order: a bench that sends requests the
        server refuses would measure refusals."""
        for kind, make in self.makers.items():
            request = make()
            status = send(port, request, timeout=30)
            if status != request.expect:
                raise SystemExit(f"{self.name}: {kind} got HTTP {status}, not {request.expect}")

    def __call__(self) -> Request:
        if not self.deck:
            self.deck = [kind for kind, weight in self.weights.items() for _ in range(weight)]
            self.rng.shuffle(self.deck)
        return self.makers[self.deck.pop()]()


def trivial_mix() -> Mix:
    page = Request("trivial page", "GET", "/bench/baseline/")
    return Mix("trivial", [("trivial page", 1, lambda: page)])


def staff_mix(port: int, data: dict, seed: int = 0) -> Mix:
    """As bench/locustfile.py's staff: hiring managers on shortlists (2) and profiles (3), an
    interviewer opening (1) and submitting (1) a scorecard."""
    rng = random.Random(seed)  # noqa: S311
    manager, interviewer = Browser(port), Browser(port)
    manager.log_in(*data["manager"])
    interviewer.log_in(*data["interviewer"])
    interview = data["interview"]
    scorecard = f"/interviews/{interview['pk']}/scorecard/"
    token = interviewer.csrf_token(scorecard)  # the one after logging in
    as_manager = (("Cookie", manager.cookie_header()),)
    as_interviewer = (("Cookie", interviewer.cookie_header()),)

    def shortlist():
        path = f"/roles/{rng.choice(data['roles'])}/shortlist/"
        return Request("shortlist", "GET", path, headers=as_manager)

    def profile():
        path = f"/applications/{rng.choice(data['applications'])}/profile/"
        return Request("profile", "GET", path, headers=as_manager)

    def scorecard_submit():
        fields = {"recommendation": rng.choice(["yes", "strong_yes", "no"]), "summary": "Load"}
        for trait in interview["traits"]:
            fields[f"rating_{trait}"] = str(rng.randint(1, 5))
            fields[f"evidence_{trait}"] = "Explained why they rang the customer back next day."
        body = urlencode(fields | {"csrfmiddlewaretoken": token}).encode()
        headers = (*as_interviewer, FORM)
        return Request("scorecard submit", "POST", scorecard, body, headers, expect=302)

    form = Request("scorecard form", "GET", scorecard, headers=as_interviewer)
    return Mix(
        "staff",
        [
            ("shortlist", 2, shortlist),
            ("profile", 3, profile),
            ("scorecard form", 1, lambda: form),
            ("scorecard submit", 1, scorecard_submit),
        ],
        seed,
    )


def _autosaves(test: dict):
    """(page, fields) of each autosave of one test, in the order a candidate makes them."""
    for number, form in enumerate(test["pages"], start=1):
        sent = {}
        for name, value in form.items():
            for part in (1, 2, 3) if name in test["why"] else (3,):
                sent[name] = value[: len(value) * part // 3]
                yield number, dict(sent)


def _in_turn(tests: list[dict]):
    """Every test's autosaves, AUTOSAVE_WINDOW tests at a time taking turns, for ever."""
    for start in itertools.cycle(range(0, len(tests), AUTOSAVE_WINDOW)):
        turns = [(t["token"], _autosaves(t)) for t in tests[start : start + AUTOSAVE_WINDOW]]
        while turns:
            for turn in list(turns):
                token, saves = turn
                step = next(saves, None)
                if step is None:
                    turns.remove(turn)
                else:
                    yield token, *step


def _once(items: list, what: str):
    pool = iter(items)

    def take():
        item = next(pool, None)
        if item is None:
            raise PoolExhausted(f"no {what} left: seed more with --pool")
        return item

    return take


def candidate_mix(port: int, data: dict, seed: int = 0) -> Mix:
    """One applicant's journey (see the module's docstring), its kinds weighted by how many
    requests of each one applicant makes."""
    role = data["apply_role"]
    browser = Browser(port)
    token = browser.csrf_token(f"/careers/{role}/apply/")
    cookie = ("Cookie", browser.cookie_header())
    taking, test = data["taking"], data["taking"][0]
    page_count = len(test["pages"])
    applicants = itertools.count()

    def form_post(kind, path, fields, expect, *extra):
        body = urlencode(fields | {"csrfmiddlewaretoken": token}).encode()
        return Request(kind, "POST", path, body, (cookie, FORM, *extra), expect)

    def apply():
        n = next(applicants)
        fields = {"name": f"Applicant {n}", "email": f"applicant{n}@capacity.example"}
        fields |= {"phone": "+44 20 7946 0958", "consent": "on", "csrfmiddlewaretoken": token}
        fields |= {f"knockout_{pk}": answer for pk, answer in data["knockouts"].items()}
        body, content_type = _multipart(fields, cv=None if n % 2 else CV)
        headers = (cookie, ("Content-Type", content_type))
        return Request("apply", "POST", f"/careers/{role}/apply/", body, headers, 302)

    links = itertools.cycle(t["token"] for t in taking)
    pages = itertools.cycle((t["token"], n) for t in taking for n in range(1, page_count + 1))
    nexts = itertools.cycle((t["token"], n) for t in taking for n in range(1, page_count))
    saves = _in_turn(taking)
    statuses = itertools.cycle(data["status"])
    interviews = itertools.cycle(data["interviews"])
    ready = _once(data["ready"], "Passion Tests to submit")
    offered = _once(data["interviews"], "interviews to book")
    by_token = {t["token"]: t for t in taking}

    def autosave():
        link, number, fields = next(saves)
        path = f"/t/{link}/p/{number}/save/"
        return form_post("autosave", path, fields, 200, ("HX-Request", "true"))

    def next_page():
        link, number = next(nexts)
        fields = by_token[link]["pages"][number - 1] | {"go": "next"}
        return form_post("next page", f"/t/{link}/p/{number}/", fields, 302)

    def submit():
        done = ready()
        fields = done["pages"][-1] | {"go": "submit"}
        return form_post("submit", f"/t/{done['token']}/p/{page_count}/", fields, 302)

    def slot_pick():
        interview = offered()
        return form_post("slot pick", f"/i/{interview['token']}/", {"slot": interview["slot"]}, 302)

    def get(kind, path_of, expect=200):
        return lambda: Request(kind, "GET", path_of(), expect=expect)

    autosaves = sum(1 for _ in _autosaves(test))
    return Mix(
        "candidate",
        [
            ("careers list", 1, get("careers list", lambda: "/careers/")),
            ("role page", 1, get("role page", lambda: f"/careers/{role}/")),
            ("apply form", 1, get("apply form", lambda: f"/careers/{role}/apply/")),
            ("apply", 1, apply),
            ("test link", 2, get("test link", lambda: f"/t/{next(links)}/", 302)),
            ("test page", page_count, get("test page", lambda: "/t/{}/p/{}/".format(*next(pages)))),
            ("autosave", autosaves, autosave),
            ("next page", page_count - 1, next_page),
            ("submit", 1, submit),
            ("status page", 2, get("status page", lambda: f"/s/{next(statuses)}/")),
            ("slot page", 2, get("slot page", lambda: f"/i/{next(interviews)['token']}/")),
            ("slot pick", 1, slot_pick),
        ],
        seed,
    )


def _multipart(fields: dict, cv: bytes | None) -> tuple[bytes, str]:
    boundary = "capacity-bench-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    if cv is not None:
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="cv"; filename="cv.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + cv
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"
