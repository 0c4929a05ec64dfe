from django.urls import path

from coproduce.consensus import views

app_name = "consensus"
urlpatterns = [
    path("events/<int:pk>/statements/", views.statements, name="statements"),
    path("events/<int:pk>/statements/from-comments/", views.from_comments, name="from_comments"),
    path("statements/<int:pk>/open/", views.statement_open, name="statement_open"),
    path("statements/<int:pk>/review/", views.statement_review, name="statement_review"),
    path("events/<int:pk>/statements/import-polis/", views.polis_import, name="polis_import"),
    path("events/<int:pk>/consensus/", views.results, name="results"),
    path("events/<int:pk>/consensus/feed/", views.results_feed, name="results_feed"),
    path("events/<int:pk>/consensus/votes.<str:fmt>", views.export, name="export"),
]
