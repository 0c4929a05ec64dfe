from django.urls import path

from coproduce.privacy import views

app_name = "privacy"
urlpatterns = [
    path("areas/<slug:slug>/people/", views.people, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/export.json", views.person_export, name="person_export"),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
]
