"""The public site's options appraisals: the agreed records an area has published."""

from django.urls import path

from coproduce.appraisal import views

app_name = "appraisal_public"
urlpatterns = [
    path("areas/<slug:slug>/appraisals/<int:pk>/", views.public_record, name="record"),
]
