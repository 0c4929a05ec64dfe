"""Sign in and out, and API tokens."""

from typing import cast

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coproduce.accounts.forms import TokenForm
from coproduce.accounts.models import ApiToken
from coproduce.accounts.signin import LimitedAuthenticationForm
from coproduce.core.forms import GovukFormMixin


class SignInForm(GovukFormMixin, LimitedAuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.rate_limited:  # limits are counted in the form, shared with Django's admin
            response.status_code = 429
        return response


logout = auth_views.LogoutView.as_view()


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = ApiToken.issue(
            user=request.user,
            name=form.cleaned_data["name"],
            expires_at=form.expires_at(),
            read_only=form.cleaned_data["read_only"],
        )
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": ApiToken.objects.filter(user=cast(User, request.user)).order_by("-created_at"),
            "new_token": new_token,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.delete()
    messages.success(request, f"Token “{token.name}” revoked. Programs using it can no longer sign in.")
    return redirect("accounts:tokens")
