from django.urls import path

from coproduce.commissioning import public_views

app_name = "commissioning_public"
urlpatterns = [
    path("areas/<slug:slug>/commissioning/", public_views.area_commissioning, name="area"),
    path("areas/<slug:slug>/commissioning.ics", public_views.area_calendar, name="calendar"),
    path("areas/<slug:slug>/ocds/release-package.json", public_views.release_package, name="release_package"),
    path("areas/<slug:slug>/ocds/record-package.json", public_views.record_package, name="record_package"),
]
