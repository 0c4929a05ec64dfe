from django.urls import path

from coproduce.kpis import views

app_name = "kpis"
urlpatterns = [
    path("areas/<slug:slug>/kpis/", views.kpi_list, name="list"),
    path("areas/<slug:slug>/kpis/add/", views.kpi_create, name="create"),
    path("kpis/<int:pk>/", views.kpi_detail, name="detail"),
    path("kpis/<int:pk>/edit/", views.kpi_edit, name="edit"),
    path("kpis/<int:pk>/values.csv", views.kpi_csv, name="csv"),
    path("kpis/<int:pk>/values/add/", views.value_add, name="value_add"),
    path("kpis/<int:pk>/values/import/", views.values_import, name="import"),
    path("kpis/<int:pk>/publish/", views.kpi_publish, name="publish"),
    path("kpi-values/<int:pk>/edit/", views.value_edit, name="value_edit"),
    path("kpi-values/<int:pk>/delete/", views.value_delete, name="value_delete"),
    path("my-actions/", views.my_actions, name="my_actions"),
]
