"""A facilitator typing a note in any method picks its author's role: the list starts empty, none is assumed."""

import pytest

from coproduce.methods.boardstorm.forms import CaptureIdeaForm
from coproduce.methods.force_field.forms import CaptureForceForm
from coproduce.methods.forms import CaptureForm
from coproduce.methods.open_space.forms import FacilitatorNoteForm
from tests.factories import EventFactory, MethodSessionFactory

pytestmark = pytest.mark.django_db


def test_every_method_form_for_a_typed_note_starts_with_no_role_chosen():
    session = MethodSessionFactory(event=EventFactory(), method="six_hats", step="white")
    for field in (
        CaptureForm(session=session).fields["role"],
        CaptureIdeaForm.base_fields["role"],
        CaptureForceForm.base_fields["role"],
        FacilitatorNoteForm.base_fields["role"],
    ):
        assert field.required and field.choices[0] == ("", "Choose a role")
    form = CaptureForm({"text": "From a sticky note", "step": "white"}, session=session)
    assert not form.is_valid() and form.errors["role"] == ["Choose the role of who wrote it"]
