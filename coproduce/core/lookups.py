"""``id__in`` with an id too large for the database finds nothing, as ``id=`` already does.

Django keeps ``exact``, ``gt`` and the other integer lookups from sending a number the column cannot hold
(it would be an OverflowError on SQLite, a 500), but not ``in``; forms with several choices and the API's
lists of ids use ``in``, so a huge id typed into one of them crashed the request. Values outside the
column's range can match no row, so they are dropped before the query is built. The same holds for
``in`` across a foreign key (``event_id__in``, ``event__in``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import ForeignKey, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class DropOutOfRangeIntegers:
    rhs: Any
    lhs: Any

    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():  # type: ignore[attr-defined]
            field = self.lhs.output_field
            field = getattr(field, "target_field", field)  # a foreign key holds its target's values
            try:
                low, high = connection.ops.integer_field_range(field.get_internal_type())
            except KeyError:  # not an integer column
                pass
            else:
                self.rhs = [
                    value
                    for value in self.rhs
                    if not isinstance(value, int)
                    or ((low is None or value >= low) and (high is None or value <= high))
                ]
        return super().process_rhs(compiler, connection)  # type: ignore[misc]


class IntegerFieldIn(DropOutOfRangeIntegers, In):  # type: ignore[misc]
    pass


class ForeignKeyIn(DropOutOfRangeIntegers, RelatedIn):  # type: ignore[misc]
    pass


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
    ForeignKey.register_lookup(ForeignKeyIn)
