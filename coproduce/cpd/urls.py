from django.urls import path

from coproduce.cpd import views

app_name = "cpd"
urlpatterns = [
    path("areas/<slug:slug>/cpd/", views.area_cpd, name="area"),
    path("areas/<slug:slug>/cpd/records/add/", views.record_create, name="record_create"),
    path("events/<int:pk>/cpd/", views.event_cpd, name="event"),
    path("cpd/records/<int:pk>/", views.record_detail, name="record"),
    path("cpd/records/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("cpd/records/<int:pk>/reflection/", views.reflection_edit, name="reflection"),
    path("cpd/records/<int:pk>/certificate.pdf", views.record_certificate, name="certificate"),
    path("people/<int:pk>/cpd/", views.person_log, name="person"),
    path("people/<int:pk>/cpd.csv", views.person_csv, name="person_csv"),
    path("organisations/<int:pk>/cpd/", views.organisation_log, name="organisation"),
    path("organisations/<int:pk>/cpd.csv", views.organisation_csv, name="organisation_csv"),
    path("organisations/<int:pk>/training-needs/add/", views.need_create, name="need_create"),
    path("cpd/training-needs/<int:pk>/", views.need_edit, name="need_edit"),
]
