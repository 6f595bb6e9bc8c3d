"""The shortlist's ranking indexes, kept in SQL rather than in a model's Meta.

They are in the exact order the shortlist sorts (highest first, empty scores last, ties by
composite, then confidence, then the earliest application), so a page is read off an index
instead of sorting the whole role. PostgreSQL needs NULLS LAST spelled out in a descending
index; SQLite already puts NULLs last there and refuses the words, so Django's Index cannot
describe both. And SQLite rebuilds a table (dropping indexes Django does not know) on some
schema changes, so they are ensured after every `migrate` (post_migrate), not only by a
migration.
"""

TRAITS = ["empathy", "commitment", "curiosity", "attention_to_detail", "connection", "courage"]
TABLE = "candidates_application"


def rank_indexes(vendor: str) -> list[tuple[str, list[str]]]:
    """(name, columns) of each ranking index for this database vendor."""
    desc = " DESC NULLS LAST" if vendor == "postgresql" else " DESC"
    tail = [f'"composite_score"{desc}', f'"confidence"{desc}', '"id"']
    indexes = [
        ("app_rank_rank_score", ['"role_id"', f'"rank_score"{desc}', *tail]),
        ("app_rank_composite", ['"role_id"', *tail]),
    ]
    for trait in TRAITS:
        indexes.append((f"app_rank_{trait[:12]}", ['"role_id"', f'"score_{trait}"{desc}', *tail]))
    return indexes


def ensure_rank_indexes(connection) -> None:
    if TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        for name, columns in rank_indexes(connection.vendor):
            cursor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{TABLE}" ({", ".join(columns)})'
            )


def drop_rank_indexes(connection) -> None:
    with connection.cursor() as cursor:
        for name, _ in rank_indexes(connection.vendor):
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
