"""Markup every page shares: decorative icons are hidden from screen readers, a link or button
made of an icon alone still has a name, and the navigation marks the page you are on."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ICON = re.compile(r"<i\b[^>]*\bclass=\"[^\"]*\bbi\b[^\"]*\"[^>]*>")
CONTROL = re.compile(r"<(a|button)\b([^>]*)>(.*?)</\1>", re.DOTALL)
# {% translate "Words" %} is words; {% blocktranslate %}…{% endblocktranslate %} keeps its text.
TRANSLATE = re.compile(r"\{%\s*translate\s+(\"[^\"]*\"|'[^']*')[^%]*%\}")


def visible_words(content: str) -> str:
    content = TRANSLATE.sub(lambda m: m.group(1)[1:-1], content)
    return re.sub(r"<i\b[^>]*></i>|\{%.*?%\}|<[^>]+>", "", content, flags=re.DOTALL)


def templates():
    return sorted(p for p in TEMPLATES.rglob("*.html"))


def test_every_bootstrap_icon_in_a_template_is_hidden_from_screen_readers():
    """An icon font's glyph is a private-use character: read aloud it is noise or nothing."""
    bare = [
        f"{path.relative_to(TEMPLATES)}:{text[: m.start()].count(chr(10)) + 1}: {m.group(0)}"
        for path in templates()
        for text in [path.read_text()]
        for m in ICON.finditer(text)
        if 'aria-hidden="true"' not in m.group(0)
    ]
    assert bare == []


def test_a_link_or_button_that_is_only_an_icon_still_has_a_name():
    """With the icon hidden, the name comes from aria-label or visually hidden text."""
    nameless = []
    for path in templates():
        text = path.read_text()
        for m in CONTROL.finditer(text):
            attributes, content = m.group(2), m.group(3)
            if "<a" in content or "<button" in content:
                continue  # not one control: the regex ran past a closing tag
            if "aria-label" in attributes or "title=" in attributes and not ICON.search(content):
                continue
            words = visible_words(content)
            if not words.strip():
                line = text[: m.start()].count("\n") + 1
                nameless.append(f"{path.relative_to(TEMPLATES)}:{line}: {m.group(0)[:120]}")
    assert nameless == []


class NavLinks(HTMLParser):
    """The main navigation's links: (href, aria-current, classes)."""

    def __init__(self):
        super().__init__()
        self.in_nav, self.links = False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and "navbar-nav" in (attrs.get("class") or ""):
            self.in_nav = True
        elif tag == "a" and self.in_nav:
            self.links.append((attrs["href"], attrs.get("aria-current"), attrs["class"].split()))

    def handle_endtag(self, tag):
        if tag == "ul":
            self.in_nav = False


def nav_links(client, url: str) -> list[tuple]:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = NavLinks()
    parser.feed(response.content.decode())
    return parser.links


RECRUITER_PAGES = [
    "hiring:dashboard",
    "candidates:candidate_list",
    "candidates:role_create",
    "candidates:questionnaire",
    "interviews:bank",
    "interviews:mine",
    "candidates:referral_inbox",
    "hiring:email_templates",
    "hiring:traits",
]
EMPLOYEE_PAGES = [
    "hiring:dashboard",
    "interviews:mine",
    "candidates:referral_list",
    "candidates:share_roles",
    "hiring:traits",
]


@pytest.mark.parametrize(
    ("who", "name"),
    [("recruiter", n) for n in RECRUITER_PAGES] + [("employee", n) for n in EMPLOYEE_PAGES],
)
def test_each_top_navigation_item_is_marked_as_the_current_page_on_its_page(
    client, request, who, name
):
    client.force_login(request.getfixturevalue(who))
    if name == "candidates:questionnaire":
        request.getfixturevalue("questionnaire")  # the page needs a Passion Test to show
    url = reverse(name)
    links = nav_links(client, url)
    assert url in [href for href, _, _ in links]
    current = [(href, classes) for href, aria_current, classes in links if aria_current]
    assert current == [(url, ["nav-link", "active"])]
    assert [href for href, _, classes in links if "active" in classes] == [url]


def test_no_navigation_item_is_current_on_a_page_outside_the_menu(client, recruiter, role):
    client.force_login(recruiter)
    links = nav_links(client, reverse("hiring:role_detail", args=[role.pk]))
    assert [href for href, aria_current, _ in links if aria_current] == []
