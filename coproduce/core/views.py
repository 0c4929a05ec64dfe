"""Views shared by the whole site."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and the load tests: answers once the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico whatever the page says."""
    return HttpResponseRedirect(static("govuk/assets/images/favicon.ico"))


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page. Django renders it with no context; this one adds only the site's name, and reads
    nothing from the database, which may be the thing that failed."""
    return HttpResponseServerError(loader.get_template("500.html").render({"SITE_NAME": settings.SITE_NAME}))
