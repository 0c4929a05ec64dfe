"""Three URL spaces: the public site at /, the staff back office at /manage/, the API at /api/."""

from django.contrib import admin
from django.urls import include, path

from coproduce.api.api import api
from coproduce.methods import registry as methods_registry

manage_patterns = [
    path("", include("coproduce.programmes.urls")),
    path("", include("coproduce.engagement.urls")),
    path("", include("coproduce.engagement.import_urls")),
    path("", include("coproduce.proposals.urls")),
    path("", include("coproduce.consensus.urls")),
    path("", include("coproduce.themes.urls")),
    path("", include("coproduce.methods.urls")),
    # Each workshop method's own back-office pages, as its plugin names them (methods/registry.py).
    *methods_registry.facilitator_urls(),
    path("", include("coproduce.surveys.urls")),
    path("", include("coproduce.reports.urls")),
    path("", include("coproduce.privacy.urls")),
    path("", include("coproduce.directory.urls")),
    path("", include("coproduce.commissioning.urls")),
    path("", include("coproduce.appraisal.urls")),
    path("", include("coproduce.cpd.urls")),
    path("", include("coproduce.service_directory.urls")),
    path("", include("coproduce.marketplace.urls")),
    path("", include("coproduce.vcs.urls")),
    path("", include("coproduce.kpis.urls")),
    path("", include("coproduce.qanda.urls")),
    path("account/", include("coproduce.accounts.urls")),
]

urlpatterns = [
    path("", include("coproduce.public.urls")),
    path("", include("coproduce.methods.public_urls")),
    *methods_registry.public_urls(),
    path("", include("coproduce.surveys.public_urls")),
    path("", include("coproduce.reports.public_urls")),
    path("", include("coproduce.core.urls")),
    path("", include("coproduce.privacy.public_urls")),
    path("", include("coproduce.appraisal.public_urls")),
    path("", include("coproduce.commissioning.public_urls")),
    path("", include("coproduce.cpd.public_urls")),
    path("", include("coproduce.kpis.public_urls")),
    path("", include("coproduce.qanda.public_urls")),
    path("manage/", include(manage_patterns)),
    path("api/oruk/", include("coproduce.service_directory.api_urls")),  # Open Referral UK, public
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
]

# GOV.UK-style pages for refusals and errors live in coproduce/core/templates (403.html, 404.html, 500.html).
handler500 = "coproduce.core.views.server_error"
