"""Single sign-on's environment variables, read as production reads them (a fresh process)."""

import json

from tests.test_settings import run_manage

PRINT_MAP = (
    "from django.conf import settings; import json; print(json.dumps(settings.OIDC_GROUP_MAP))"
)


def test_passwords_off_without_single_sign_on_refuses_to_start():
    result = run_manage("check", DEBUG="true", PASSWORD_LOGIN="false")
    assert result.returncode != 0
    assert "PASSWORD_LOGIN=false needs single sign-on" in result.stderr


def test_the_group_map_reads_pairs_and_json_for_names_with_commas():
    pairs = run_manage(
        "shell",
        "-c",
        PRINT_MAP,
        DEBUG="true",
        OIDC_GROUP_MAP="hr=Recruiter, people leads=Hiring manager",
    )
    wanted = {"hr": "Recruiter", "people leads": "Hiring manager"}
    assert json.loads(pairs.stdout.splitlines()[-1]) == wanted
    dn = {"CN=HR,OU=Groups,DC=example,DC=com": "Recruiter"}
    result = run_manage("shell", "-c", PRINT_MAP, DEBUG="true", OIDC_GROUP_MAP=json.dumps(dn))
    assert json.loads(result.stdout.splitlines()[-1]) == dn


def test_a_group_map_naming_a_group_we_do_not_have_fails_the_checks():
    result = run_manage(
        "check",
        DEBUG="true",
        OIDC_GROUP_MAP="hr=Recruiters",
        OIDC_ISSUER="https://id.example.com",
        OIDC_RP_CLIENT_ID="passionhire",
    )
    assert result.returncode != 0
    assert "passionhire.E101" in result.stderr
    assert "passionhire.E102" in result.stderr  # and no client secret
