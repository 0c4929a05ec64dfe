"""Answers a participant endpoint that has refused a request for too many code guesses with a clear page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.public.participants import TooManyGuesses


class TooManyGuessesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, TooManyGuesses):
            return render(request, "public/too_many_guesses.html", status=429)
        return None
