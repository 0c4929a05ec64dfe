from django.urls import path

from coproduce.cpd import public_views

app_name = "cpd_public"
urlpatterns = [path("cpd/reflect/<str:code>/", public_views.reflection, name="reflection")]
