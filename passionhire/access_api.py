"""Who may do what through the API (/api/v1/): every route, for every kind of token.

The API takes a personal access token and nothing else: a browser's session gets 401 on every
route (passionhire/access.py lists them so), and so does a missing, expired or revoked token,
or the token of someone who no longer holds a role that uses the API. A read token reads; a
write takes a read-and-write token (403 otherwise, before anything is looked up). Objects the
token's owner may not read are not found (404), as if they did not exist; the lists leave them
out. tests/api/test_api_access.py walks this table, with an empty JSON body on each write
(a 400 means the request got as far as validation, and nothing was saved).
"""

TOKENS = (
    "no_token",
    "expired",
    "revoked",
    "lost_role",  # the owner was a recruiter and is no longer
    "recruiter_read",
    "recruiter_write",
    "hiring_manager_read",
    "hiring_manager_write",
    "other_hiring_manager_write",
)
TOKEN_LABELS = {
    "no_token": "No token",
    "expired": "Expired token",
    "revoked": "Revoked token",
    "lost_role": "Owner lost the role",
    "recruiter_read": "Recruiter, read",
    "recruiter_write": "Recruiter, read and write",
    "hiring_manager_read": "Hiring manager of the role, read",
    "hiring_manager_write": "Hiring manager of the role, read and write",
    "other_hiring_manager_write": "Hiring manager of another role, read and write",
}
DEAD = {"no_token": 401, "expired": 401, "revoked": 401, "lost_role": 401}
LIVE = ("recruiter_read", "recruiter_write", "hiring_manager_read", "hiring_manager_write")


def reads(ok=200, *, others=None, hiring_managers=True) -> dict:
    """A read: live tokens get `ok`; another role's hiring manager `others` (default: `ok`,
    a list without what they may not read); hiring managers 403 unless they may."""
    hm = ok if hiring_managers else 403
    return DEAD | {
        "recruiter_read": ok,
        "recruiter_write": ok,
        "hiring_manager_read": hm,
        "hiring_manager_write": hm,
        "other_hiring_manager_write": (ok if others is None else others)
        if hiring_managers
        else 403,
    }


def writes(*, others=404, hiring_managers=True) -> dict:
    """A write with an empty body: 400 for whoever may write; 403 for a read token."""
    return DEAD | {
        "recruiter_read": 403,
        "recruiter_write": 400,
        "hiring_manager_read": 403,
        "hiring_manager_write": 400 if hiring_managers else 403,
        "other_hiring_manager_write": others if hiring_managers else 403,
    }


# name -> (method, outcome per token). Object routes use the role of `hiring_manager`.
API_ACCESS = {
    # The schema is public: it describes the API, not the data.
    "api:schema": ("get", {t: 200 for t in TOKENS}),
    "api:me": ("get", reads()),
    "api:stages": ("get", reads()),
    "api:roles": ("get", reads()),
    "api:role": ("get", reads(others=404)),
    "api:applications": ("get", reads()),
    # Putting people on a role's pipeline: recruiters, as on the web.
    "api:applications#post": ("post", writes(hiring_managers=False)),
    "api:application": ("get", reads(others=404)),
    "api:application_evidence": ("get", reads(others=404)),
    "api:application_move": ("post", writes()),
    "api:application_decisions": ("get", reads(others=404)),
    "api:application_decisions#post": ("post", writes()),
    # The candidate list is a recruiter's page on the web too.
    "api:candidates": ("get", reads(hiring_managers=False)),
    "api:candidate": ("get", reads(hiring_managers=False)),
}


def route_name(key: str) -> str:
    return key.split("#", 1)[0]


def other_method_expected(key: str, expected: dict) -> dict:
    """The method a route does not take: dead tokens 401; live ones are refused (403 or 405,
    whichever check comes first) and nothing changes. A route that takes both methods has
    both in the table instead."""
    both = {route_name(k) for k in API_ACCESS if "#" in k}
    if route_name(key) in both:
        return {}
    if all(v == 200 for v in expected.values()):  # public: no token is looked at
        return {t: 405 for t in TOKENS}
    return {t: (401 if t in DEAD else "refused") for t in TOKENS}


def markdown() -> str:
    lines = [
        "",
        "## The API, per token",
        "",
        "Each API route with an empty JSON body on writes, for each kind of token (Authorization:",
        "Bearer). `refused`: 403 or 405, nothing changed. A browser session is not a token: it",
        "gets 401 on every API route (the table above).",
        "",
        f"{len(API_ACCESS)} route-methods × {len(TOKENS)} kinds of token, and the other method "
        "of each.",
        "",
        "| Route | Method | " + " | ".join(TOKEN_LABELS[t] for t in TOKENS) + " |",
        "|---|---|" + "---|" * len(TOKENS),
    ]
    for key in sorted(API_ACCESS):
        method, expected = API_ACCESS[key]
        cells = " | ".join(str(expected[t]) for t in TOKENS)
        lines.append(f"| `{route_name(key)}` | {method.upper()} | {cells} |")
        other = other_method_expected(key, expected)
        if other:
            shown = "POST" if method == "get" else "GET"
            cells = " | ".join(str(other[t]) for t in TOKENS)
            lines.append(f"| `{route_name(key)}` | {shown} | {cells} |")
    return "\n".join(lines) + "\n"
