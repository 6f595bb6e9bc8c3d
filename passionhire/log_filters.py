"""Log filters. A candidate's link is a key to their test or their interview: no log line may
hold one, so the token segment of /t/…, /i/…, /s/… and /checkins/… paths (a hiring manager's
check-in link) is replaced by a short hash of it
(`signed_links.token_digest`), which still tells two links apart when reading the logs."""

import logging
import re

from .signed_links import token_digest

# The token right after /t/, /i/ or /s/ (where the root URLconf mounts the candidates' links:
# the Passion Test, the slot picker, the status page) or /checkins/;
# one already replaced by "~<digest>" is left alone (a record may pass several filters).
LINK_TOKEN = re.compile(r"(/(?:[tis]|checkins)/)(?!~)([^/?#\s\"'<>]+)")


def redact_link_tokens(text: str) -> str:
    return LINK_TOKEN.sub(lambda m: f"{m[1]}~{token_digest(m[2])}", text)


def _redacted(value):
    return redact_link_tokens(value) if isinstance(value, str) else value


class RedactLinkTokens(logging.Filter):
    """Rewrites a record's message and its arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _redacted(record.msg)
        if isinstance(record.args, dict):
            record.args = {key: _redacted(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_redacted(value) for value in record.args)
        return True
