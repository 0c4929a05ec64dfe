from django.urls import path

from coproduce.reports import views

app_name = "reports"
urlpatterns = [
    path("areas/<slug:slug>/report/", views.area_report, name="area_report"),
    path("areas/<slug:slug>/report/edit/", views.edit, name="edit"),
    path("areas/<slug:slug>/report/publish/", views.publish, name="publish"),
    path("areas/<slug:slug>/report/unpublish/", views.unpublish, name="unpublish"),
    path("areas/<slug:slug>/report/restore/", views.restore, name="restore"),
    path("areas/<slug:slug>/report.pdf", views.area_pdf, name="area_pdf"),
    path("areas/<slug:slug>/report-draft.pdf", views.draft_pdf, name="draft_pdf"),
    path("programmes/<int:pk>/roll-up/", views.programme, name="programme"),
    path("programmes/<int:pk>/roll-up.pdf", views.programme_pdf, name="programme_pdf"),
]
