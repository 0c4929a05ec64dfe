from django.urls import path

from coproduce.themes import views

app_name = "themes"
urlpatterns = [
    path("areas/<slug:slug>/themes/", views.workspace, name="workspace"),
    path("areas/<slug:slug>/themes/run/", views.run_create, name="run_create"),
    path("areas/<slug:slug>/themes/progress/", views.run_progress, name="run_progress"),
    path("areas/<slug:slug>/themes/who-said-what/", views.matrix, name="matrix"),
    path("areas/<slug:slug>/themes/export.<str:fmt>", views.export, name="export"),
    path("themes/<int:pk>/", views.theme_detail, name="theme"),
    path("themes/<int:pk>/comments/", views.cell, name="cell"),
    path("themes/<int:pk>/proposals/", views.link, name="link"),
    path("themes/<int:pk>/statement/", views.to_statement, name="to_statement"),
    path("analyses/<int:pk>/edit/", views.edit, name="edit"),
    path("analyses/<int:pk>/undo/", views.undo, name="undo"),
]
