from django.urls import path

from coproduce.service_directory import views

app_name = "service_directory"
urlpatterns = [
    path("areas/<slug:slug>/services/", views.area_services, name="area"),
    path("areas/<slug:slug>/services/reviews/", views.reviews, name="reviews"),
    path("areas/<slug:slug>/services/import/", views.import_feed, name="import"),
    path("organisations/<int:pk>/services/", views.organisation_services, name="organisation"),
    path("organisations/<int:pk>/services/add/", views.service_create, name="service_create"),
    path("services/<uuid:pk>/", views.service_detail, name="service"),
    path("services/<uuid:pk>/edit/", views.service_edit, name="service_edit"),
    path("services/changes/<int:pk>/", views.review, name="review"),
]
