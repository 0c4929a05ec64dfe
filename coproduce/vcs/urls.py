from django.urls import path

from coproduce.vcs import views

app_name = "vcs"
urlpatterns = [
    path("areas/<slug:slug>/vcs/", views.area_vcs, name="area"),
    path("areas/<slug:slug>/network/", views.network, name="network"),
    path("areas/<slug:slug>/network/links/add/", views.link_create, name="link_create"),
    path("organisations/<int:pk>/vcs/", views.organisation_vcs, name="organisation"),
    path("organisations/<int:pk>/vcs/profile/", views.profile_edit, name="profile_edit"),
    path(
        "organisations/<int:pk>/vcs/health-checks/add/", views.health_check_create, name="health_check_create"
    ),
    path("vcs/health-checks/<int:pk>/", views.health_check_detail, name="health_check"),
    path("vcs/links/<int:pk>/", views.link_edit, name="link_edit"),
    path("vcs/links/<int:pk>/remove/", views.link_remove, name="link_remove"),
]
