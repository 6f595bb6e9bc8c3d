"""“Share a role”: an employee's own links and QR codes, linked from their pages and from the
role's careers page; a tampered link never breaks the careers page."""

import html
import re
from xml.etree import ElementTree

import pytest
import segno
from django.urls import reverse
from django.utils import timezone

from candidates.referrals.share import share_token, share_url
from tests.factories import EmployeeFactory, RoleFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def publish(role):
    role.published_at = timezone.now()
    role.save(update_fields=["published_at"])
    return role


@pytest.fixture
def published(role):
    return publish(role)


def qr_modules(svg: bytes) -> list[list[bool]]:
    """Read the QR code back out of the SVG: the dark modules its path draws, by row, without
    the quiet zone. The path is absolute and relative moves (M, m) and horizontal runs (h)."""
    root = ElementTree.fromstring(svg)
    _, _, width, height = (int(float(v)) for v in root.get("viewBox").split())
    (path,) = [p for p in root.iter(f"{SVG}path") if p.get("class") == "qrline"]
    grid = [[False] * width for _ in range(height)]
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path.get("d")):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for i in range(int(float(a))):
                grid[int(y)][int(x) + i] = True
            x += float(a)
    border = 4
    return [row[border:-border] for row in grid[border:-border]]


def test_the_share_page_lists_open_published_roles_with_only_my_links(
    client, employee, published, django_assert_num_queries
):
    publish(RoleFactory(title="Support Hero"))
    RoleFactory(title="Unpublished Secret")
    closed = publish(RoleFactory(title="Closed Already"))
    closed.status = "closed"
    closed.save()
    colleague = EmployeeFactory(username="carl")
    client.force_login(employee)
    with django_assert_num_queries(4):  # session, user, their groups, the roles
        page = client.get(reverse("candidates:share_roles")).content.decode()
    assert "Customer Success Manager" in page
    assert "Support Hero" in page
    assert "Unpublished Secret" not in page
    assert "Closed Already" not in page
    assert html.escape(share_url(user=employee, role=published)) in page
    assert html.escape(share_url(user=colleague, role=published)) not in page
    assert "candidates/share.js" in page
    assert "<script>" not in page.replace('<script src="', "")  # nothing inline (CSP)


def test_the_share_page_costs_the_same_queries_for_many_roles(
    client, employee, published, django_assert_num_queries
):
    for _ in range(15):
        publish(RoleFactory())
    client.force_login(employee)
    with django_assert_num_queries(4):
        client.get(reverse("candidates:share_roles"))


def test_the_qr_code_is_an_svg_of_my_own_share_link(client, employee, published):
    client.force_login(employee)
    response = client.get(reverse("candidates:share_role_qr", args=[published.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "private" in response["Cache-Control"]
    expected = segno.make(share_url(user=employee, role=published), error="m", micro=False)
    assert qr_modules(response.content) == [[bool(m) for m in row] for row in expected.matrix]
    someone_else = segno.make(
        share_url(user=EmployeeFactory(), role=published), error="m", micro=False
    )
    assert qr_modules(response.content) != [[bool(m) for m in r] for r in someone_else.matrix]
    download = client.get(reverse("candidates:share_role_qr", args=[published.pk]) + "?download")
    assert download["Content-Disposition"].startswith("attachment;")


def test_a_title_with_markup_stays_valid_svg(client, employee):
    role = publish(RoleFactory(title='<script>alert("x")</script> & Co'))
    client.force_login(employee)
    svg = client.get(reverse("candidates:share_role_qr", args=[role.pk])).content
    root = ElementTree.fromstring(svg)  # well-formed
    assert root.find(f"{SVG}title").text == 'Apply: <script>alert("x")</script> & Co'
    assert b"<script" not in svg


def test_no_qr_code_for_a_role_that_is_not_on_the_careers_site(client, employee, role):
    client.force_login(employee)
    assert client.get(reverse("candidates:share_role_qr", args=[role.pk])).status_code == 404
    assert client.get(reverse("candidates:share_role_qr", args=[999999])).status_code == 404


def test_the_role_page_offers_an_employee_their_link_and_nobody_else(client, employee, published):
    url = reverse("careers:role", args=[published.pk])
    assert "Share this role" not in client.get(url).content.decode()
    client.force_login(employee)
    page = client.get(url).content.decode()
    assert "Share this role" in page
    assert html.escape(share_url(user=employee, role=published)) in page
    assert f"{reverse('candidates:share_roles')}#role-{published.pk}" in page


@pytest.mark.parametrize(
    "ref", ["", "garbage", "x" * 5000, "WzEsMl0:tampered", "%00", "[1,2]", "Ll9fX18:abc"]
)
def test_a_tampered_share_link_still_shows_the_role(client, published, employee, ref):
    token = share_token(user=employee, role=published)
    for value in (ref, token[:-2] + ref[:2]):
        response = client.get(reverse("careers:role", args=[published.pk]), {"ref": value})
        assert response.status_code == 200


def test_the_employee_finds_the_share_page_from_their_pages(client, employee, published):
    client.force_login(employee)
    for url in (
        reverse("hiring:dashboard"),
        reverse("candidates:referral_list"),
    ):
        assert reverse("candidates:share_roles") in client.get(url).content.decode()
