from django.urls import path

from coproduce.surveys import views

app_name = "surveys"
urlpatterns = [
    path("areas/<slug:slug>/surveys/", views.survey_list, name="list"),
    path("areas/<slug:slug>/surveys/new/", views.survey_create, name="create"),
    path("surveys/<int:pk>/", views.survey_detail, name="survey"),
    path("surveys/<int:pk>/edit/", views.survey_edit, name="edit"),
    path("surveys/<int:pk>/status/", views.survey_status, name="status"),
    path("surveys/<int:pk>/questions/new/", views.question_create, name="question_create"),
    path("surveys/questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("surveys/questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("surveys/<int:pk>/paper/", views.paper, name="paper"),
    path("surveys/<int:pk>/responses/", views.response_list, name="responses"),
    path("surveys/responses/<int:pk>/delete/", views.response_delete, name="response_delete"),
    path("surveys/<int:pk>/results/", views.results, name="results"),
    path("surveys/<int:pk>/responses.<str:fmt>", views.export, name="export"),
]
