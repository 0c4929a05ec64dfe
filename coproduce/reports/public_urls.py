from django.urls import path

from coproduce.reports import public_views

app_name = "reports_public"
urlpatterns = [
    path("areas/<slug:slug>/report/", public_views.area_report, name="area_report"),
    path("areas/<slug:slug>/report.pdf", public_views.area_pdf, name="area_pdf"),
]
