"""The public site's KPIs and "you said, we did" for a published area."""

from django.urls import path

from coproduce.kpis import public_views

app_name = "kpis_public"
urlpatterns = [
    path("areas/<slug:slug>/kpis/", public_views.kpi_list, name="list"),
    path("areas/<slug:slug>/kpis/<int:pk>/", public_views.kpi_detail, name="detail"),
    path("areas/<slug:slug>/kpis/<int:pk>.csv", public_views.kpi_csv, name="csv"),
    path("areas/<slug:slug>/you-said-we-did/", public_views.you_said_we_did, name="you_said_we_did"),
]
