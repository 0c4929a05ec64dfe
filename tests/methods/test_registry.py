"""The method plug-in contract: a method is its package plus one registry line, and every registered
method provides what the core asks of it."""

import importlib
import inspect

import pytest
from django.template.loader import select_template
from django.urls import clear_url_caches, reverse
from django.utils.module_loading import import_string

import coproduce.urls
from coproduce.accounts.models import AreaRole
from coproduce.directory.models import Role
from coproduce.engagement.models import Method
from coproduce.methods import registry, services
from coproduce.methods.models import MethodSession
from coproduce.methods.registry import MethodPlugin
from coproduce.methods.steps import Step, step_of, steps_of
from tests.factories import EventFactory, member

FAKE = "tests.methods.fake_method.plugin.FAKE"


def _reload_urls() -> None:
    registry.plugins.cache_clear()
    importlib.reload(coproduce.urls)
    clear_url_caches()


@pytest.fixture
def fake_method(monkeypatch):
    """The fake method registered the way a real one is: one more line in ``registry.METHODS``."""
    monkeypatch.setattr(registry, "METHODS", (*registry.METHODS, FAKE))
    _reload_urls()
    yield registry.get("fake")
    monkeypatch.undo()
    _reload_urls()


@pytest.fixture
def event(db):
    return EventFactory()


@pytest.fixture
def facilitator(event, client):
    user = member(event.area, AreaRole.FACILITATOR)
    client.force_login(user)
    return user


def join(client, event, role=Role.VCS_PROVIDER):
    response = client.post(reverse("public:join"), {"code": event.join_code})
    client.post(response.url, {"role": role})


def test_a_registered_method_is_offered_to_the_facilitator(fake_method, client, facilitator, event):
    page = client.get(reverse("methods:create", args=[event.pk])).content.decode()
    assert "A fake method" in page
    response = client.post(reverse("methods:create", args=[event.pk]), {"method": "fake", "step_minutes": 5})
    session = MethodSession.objects.get()
    assert response.url == session.get_absolute_url()
    assert (session.method, session.step, session.name) == ("fake", "tally", "A fake method")


def test_a_registered_method_has_its_panel_export_and_back_office_urls(
    fake_method, client, facilitator, event
):
    session = services.session_create(event=event, method="fake")
    panel = client.get(session.get_absolute_url())
    assert panel.status_code == 200 and panel.context["fake_tally"] == 42
    # It captures contributions itself, so the core's general form is not shown.
    assert panel.context["capture_form"] is None
    assert "Tally\r\n42" in client.get(reverse("methods:export", args=[session.pk, "csv"])).content.decode()
    tally = client.get(reverse("fake_method:tally", args=[session.pk]))
    assert tally.content.decode() == "Tally of A fake method"
    assert reverse("fake_method:tally", args=[session.pk]).startswith("/manage/")


def test_a_registered_method_has_its_participant_page_and_public_urls(fake_method, client, event):
    session = services.session_create(event=event, method="fake")
    services.session_go_to(session=session, step="tally")
    join(client, event)
    page = client.get(reverse("methods_public:take_part", args=[event.join_code, session.pk]))
    assert page.content.decode() == "Fake page of A fake method for a VCS provider"
    assert client.get(reverse("fake_method_public:about")).content.decode() == "About the fake method"
    assert steps_of("fake") == fake_method.steps and step_of("fake", "tally") is fake_method.steps[0]


def test_without_its_registry_line_a_method_is_not_there(db, event):
    assert registry.plugin_of("fake") is None
    with pytest.raises(Exception, match="fake_method"):
        reverse("fake_method:tally", args=[1])
    with pytest.raises(Exception, match="methods this tool can run"):
        services.session_create(event=event, method="fake")


def test_every_method_but_open_discussion_is_registered():
    assert set(registry.plugins()) == set(Method.values) - {Method.OPEN_DISCUSSION}


def test_two_methods_registered_under_one_key_are_refused(monkeypatch):
    monkeypatch.setattr(registry, "METHODS", (*registry.METHODS, registry.METHODS[0]))
    registry.plugins.cache_clear()
    with pytest.raises(ValueError, match="six_hats"):
        registry.plugins()
    monkeypatch.undo()
    registry.plugins.cache_clear()


@pytest.mark.parametrize("name", registry.METHODS)
def test_every_registered_method_meets_the_contract(name, db):
    plugin = import_string(name)
    assert isinstance(plugin, MethodPlugin) and registry.get(plugin.key) is plugin
    assert plugin.key in Method.values
    assert plugin.label == Method(plugin.key).label
    assert plugin.steps and all(isinstance(step, Step) for step in plugin.steps)
    assert len({step.key for step in plugin.steps}) == len(plugin.steps)
    hooks = plugin.hooks
    assert list(inspect.signature(hooks.participant).parameters) == ["request", "session", "person"]
    session = services.session_create(event=EventFactory(), method=plugin.key)
    assert isinstance(hooks.panel_context(session), dict)
    if hooks.export_table is not None:
        headers, rows = hooks.export_table(session)
        assert all(isinstance(header, str) for header in headers) and isinstance(rows, list)
    for kind in ("panel", "present", "summary"):
        assert select_template(plugin.templates(kind))
    for urls in (plugin.facilitator_urls, plugin.public_urls):
        assert urls is None or urls.app_name
