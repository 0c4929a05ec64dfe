from django.urls import path

from coproduce.qanda import views

app_name = "qanda"
urlpatterns = [
    path("areas/<slug:slug>/questions/", views.question_list, name="list"),
    path("questions/<int:pk>/", views.question_detail, name="question"),
    path("questions/<int:pk>/approve/", views.question_approve, name="question_approve"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/reject/", views.question_reject, name="question_reject"),
    path("questions/<int:pk>/answer/", views.question_answer, name="question_answer"),
]
