"""Query planner statistics for SQLite (the laptop default).

PostgreSQL keeps its own: autovacuum analyses a table once enough of it has changed. SQLite
keeps none unless told to, and without them its planner guesses: on the benchmark data it
walked all 5,600 overdue RTL items to find one team's (22 ms) where the team's sessions lead
to them in 1.6 ms, and the overdue items' first rows cost 17 ms instead of 1 (bench/NOTES.md).
`ANALYZE` over the whole file takes about half a second on that data, so it runs every
morning (Celery beat, before the rule checks), after the demo data is loaded, and on demand
with `manage.py perbarui_statistik`.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def perbarui_statistik(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Refresh the planner statistics of an SQLite database; False for other databases."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True
