"""Move aside an embedded demo database made before the migrations were reset for the custom
user model (it has a `passionhire_staffsettings` table); bin/serve then builds a new one.
Only the default SQLite file under var/ is ever touched: it holds demo data only."""

import sqlite3
import sys
import time
from pathlib import Path

db = Path(sys.argv[1])
if db.exists():
    with sqlite3.connect(db) as connection:
        old = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='passionhire_staffsettings'"
        ).fetchone()
    if old:
        aside = db.with_name(f"{db.name}.before-user-model-{int(time.time())}")
        db.rename(aside)
        print(f"==> The demo database predates the custom user model; moved to {aside}")
