from django.urls import path

from coproduce.marketplace import views

app_name = "marketplace"
urlpatterns = [
    path("areas/<slug:slug>/market-place/", views.area_market, name="area"),
    path("areas/<slug:slug>/market-place/needs/new/", views.need_create, name="need_create"),
    path("areas/<slug:slug>/market-place/rank/", views.area_rank, name="area_rank"),
    path("areas/<slug:slug>/market-place/gaps/", views.gaps, name="gaps"),
    path("areas/<slug:slug>/market-place/map/", views.availability, name="map"),
    path("areas/<slug:slug>/market-place/map.pdf", views.availability_pdf, name="map_pdf"),
    path("market-place/needs/<int:pk>/", views.need_detail, name="need"),
    path("market-place/needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("market-place/needs/<int:pk>/rank/", views.need_rank, name="need_rank"),
    path("market-place/matches/<int:pk>/agree/", views.match_agree, name="match_agree"),
    path("market-place/matches/<int:pk>/record/", views.match_record, name="match_record"),
    path("market-place/events/<int:pk>/", views.event_market, name="event"),
]
