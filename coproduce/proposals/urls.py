from django.urls import path

from coproduce.proposals import views

app_name = "proposals"
urlpatterns = [
    path("areas/<slug:slug>/proposals/", views.proposal_list, name="list"),
    path("areas/<slug:slug>/proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/evidence/<int:comment_pk>/remove/", views.uncite, name="uncite"),
    path("comments/<int:pk>/cite/", views.cite, name="cite"),
    path("proposals/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
]
