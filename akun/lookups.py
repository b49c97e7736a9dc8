"""`in` lookups on integer columns that tolerate ids beyond the column's range.

A forged form value such as 9223372036854775808 in a multiple-choice field reaches the database as
`pk IN (...)` and fails in the driver (SQLite: OverflowError; PostgreSQL: "bigint out of range"),
a 500. Django already guards exact and comparison lookups on integer fields this way
(IntegerFieldOverflow) but not `in`: such a value can never match a row, so it is dropped, and an
`in` left with no value matches nothing.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
