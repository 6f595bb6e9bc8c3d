"""gunicorn reads this file from its working directory (the repo root, /app in the image).

The access log (`--access-logfile -`) names every request path, and a candidate's path is
their link: each worker adds the filter that replaces /t/, /i/ and /s/<token>/ tokens
with a short hash, as Django's own loggers do (passionhire/log_filters.py).
"""

import logging


def post_fork(server, worker):
    from passionhire.log_filters import RedactLinkTokens

    logging.getLogger("gunicorn.access").addFilter(RedactLinkTokens())
