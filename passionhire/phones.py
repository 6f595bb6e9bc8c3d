"""Phone numbers: whatever a person types, stored in E.164 (+4915112345678), checked with
`phonenumbers` (Google's libphonenumber metadata) rather than a regular expression, which
cannot know which numbers a country actually assigns."""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_INPUT_LENGTH = 40


def phone_to_e164(raw: str, *, region: str | None = None) -> str:
    """The number in E.164, or "" for an empty input. A number without a leading + is read as
    one of `region` (default PASSIONHIRE["PHONE_REGION"]). ValidationError (code "phone") with
    a sentence a candidate understands for anything that is not a valid number."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    if len(raw) > MAX_INPUT_LENGTH:
        raise ValidationError(_("That is too long for a phone number."), code="phone")
    region = region or settings.PASSIONHIRE["PHONE_REGION"]
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "That doesn't look like a phone number we can call. Include the country "
                "code, e.g. +44 20 7946 0958."
            ),
            code="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str) -> str:
    """An E.164 number as people write it internationally (+44 20 7946 0958)."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
