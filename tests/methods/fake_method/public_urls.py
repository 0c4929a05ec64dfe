from django.http import HttpRequest, HttpResponse
from django.urls import path


def about(request: HttpRequest) -> HttpResponse:
    return HttpResponse("About the fake method")


app_name = "fake_method_public"
urlpatterns = [path("methods/fake/about/", about, name="about")]
