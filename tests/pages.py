"""A page's markup without its random parts, for tests that check a word is *not* on a page.

Django's masked CSRF token is 64 random letters and digits, and every signed-in page carries one
(the log-out form). Any short word ("Ada", "43") is in it by chance now and then: a check that
"Ada" is gone would fail about once in four thousand runs, and "43" once in sixty.
"""

import re

VOLATILE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"')


def without_tokens(page) -> str:
    """The markup (a response, bytes or text) with every CSRF token and nonce taken out."""
    if hasattr(page, "content"):
        page = page.content
    if isinstance(page, bytes):
        page = page.decode()
    return VOLATILE.sub("", page)
