"""``id__in`` with an id too large for the database finds nothing, as ``id=`` already does.

Django keeps ``exact``, ``gt`` and the other integer lookups from sending a number the column cannot hold
(it would be an OverflowError on SQLite, a 500), but not ``in``; forms with several choices and the API's
lists of ids use ``in``, so a huge id typed into one of them crashed the request. Values outside the
column's range can match no row, so they are dropped before the query is built.
"""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
