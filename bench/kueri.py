"""What counts as a query when a page is measured (bench/ and the query-count tests)."""

import re

# Transaction control is not a query: SQLite's backend issues BEGIN/COMMIT as statements where
# PostgreSQL's does not, so counting them would make the same page differ by database.
KONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)\b", re.I)


def jumlah_kueri(ctx) -> int:
    """The statements of a CaptureQueriesContext that ask the database something."""
    return sum(1 for q in ctx.captured_queries if not KONTROL.match(q["sql"]))
