from django.urls import path

from coproduce.commissioning import views

app_name = "commissioning"
urlpatterns = [
    path("areas/<slug:slug>/commissioning/", views.process_list, name="list"),
    path("areas/<slug:slug>/commissioning/new/", views.process_create, name="process_create"),
    path("commissioning/<int:pk>/", views.process_detail, name="process"),
    path("commissioning/<int:pk>/edit/", views.process_edit, name="process_edit"),
    path("commissioning/<int:pk>/timeline/", views.process_timeline, name="timeline"),
    path("commissioning/<int:pk>/calendar.ics", views.process_calendar, name="calendar"),
    path(
        "commissioning/<int:pk>/ocds/release-package.json",
        views.process_release_package,
        name="release_package",
    ),
    path(
        "commissioning/<int:pk>/ocds/record-package.json", views.process_record_package, name="record_package"
    ),
    path("commissioning/<int:pk>/publish/", views.process_publish, name="publish"),
    path("commissioning/<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("commissioning/milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
]
