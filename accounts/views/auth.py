"""Login with a second factor: TOTP for professionals, TOTP or an e-mailed code for parents."""

import base64
import logging

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import inlogrem
from accounts.berichten import beschrijf_fout
from accounts.forms import LoginForm, PasswordResetForm, SetPasswordForm, TokenForm
from accounts.middleware import two_factor_exempt
from accounts.models import User

NEXT_KEY = "samenplan_next"
EMAIL_SENT_KEY = "samenplan_otp_email_sent"
EMAIL_FAILED_KEY = "samenplan_otp_email_mislukt"
CODE_NIET_VERSTUURD = "We konden de code niet versturen. Probeer het over een paar minuten opnieuw."

logger = logging.getLogger(__name__)


@method_decorator(two_factor_exempt, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:
        response = super().form_valid(form)
        self.request.session[NEXT_KEY] = self.get_success_url()
        return response

    def form_invalid(self, form: LoginForm) -> HttpResponse:
        response = super().form_invalid(form)
        if rem := inlogrem.geweigerd(self.request):
            # Refused during a wait or lock (accounts/inlogrem.py): 429 and when to retry.
            response.status_code = 429
            response["Retry-After"] = str(rem.seconden())
        return response


@method_decorator(two_factor_exempt, name="dispatch")
class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, "U bent uitgelogd.")
        return response


def _after_verification(request: HttpRequest) -> HttpResponse:
    return redirect(request.session.pop(NEXT_KEY, None) or "home")


def _confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _stuur_code(request: HttpRequest, device: EmailDevice) -> bool:
    """The login code goes out at once, not through the outbox: the parent is waiting for
    it. A mail server that fails is said plainly, and the next try need not wait."""
    try:
        device.generate_challenge()
    except Exception as fout:  # any mail failure: a message to the parent, not a 500
        logger.warning(
            "Inlogcode niet verstuurd (gebruiker %s): %s", device.user_id, beschrijf_fout(fout)
        )
        device.cooldown_reset()
        request.session[EMAIL_FAILED_KEY] = True
        return False
    request.session.pop(EMAIL_FAILED_KEY, None)
    return True


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Second step of the login."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if request.user.is_verified():
        return _after_verification(request)

    device = _confirmed_totp(request.user)
    if device is None and request.user.is_professional:
        return redirect("accounts:totp_setup")
    methode = "totp" if device is not None else "email"
    if device is None:
        device = _email_device(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _code_klopt(form, device):
        otp_login(request, device)
        request.session.pop(EMAIL_SENT_KEY, None)
        return _after_verification(request)
    niet_verstuurd = methode == "email" and request.session.get(EMAIL_FAILED_KEY, False)
    return render(
        request,
        "accounts/verify.html",
        {
            "form": form,
            "methode": methode,
            "code_fout": CODE_NIET_VERSTUURD if niet_verstuurd else "",
        },
    )


def _email_device(request: HttpRequest) -> EmailDevice:
    """A parent's second factor: a code by e-mail, sent once per login."""
    device, _ = EmailDevice.objects.get_or_create(
        user=request.user, defaults={"name": "E-mail", "confirmed": True}
    )
    if not request.session.get(EMAIL_SENT_KEY):
        # Within django-otp's resend cooldown the code sent a moment ago still works.
        if device.generate_is_allowed()[0]:
            _stuur_code(request, device)
        request.session[EMAIL_SENT_KEY] = True
    return device


def _code_klopt(form: TokenForm, device: TOTPDevice | EmailDevice) -> bool:
    """Whether the code is right; when not, the form says why."""
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        form.add_error(
            "token",
            "U hebt te vaak een verkeerde code ingevuld. Wacht even en probeer opnieuw.",
        )
        return False
    if device.verify_token(form.cleaned_data["token"]):
        return True
    form.add_error("token", "Deze code klopt niet of is verlopen. Probeer het opnieuw.")
    return False


@two_factor_exempt
@require_POST
def resend_email_code(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    device = EmailDevice.objects.filter(user=request.user).first()
    if device is None or _confirmed_totp(request.user):
        return redirect("accounts:verify")
    if device.generate_is_allowed()[0]:
        if _stuur_code(request, device):
            messages.info(request, "We hebben een nieuwe code naar uw e-mailadres gestuurd.")
    else:
        messages.warning(
            request,
            "U hebt net een code gekregen. Wacht een minuut en vraag dan een nieuwe code aan.",
        )
    return redirect("accounts:verify")


def _qr_data_uri(config_url: str) -> str:
    return segno.make(config_url, error="m").svg_data_uri(scale=5, border=2)


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def totp_setup(request: HttpRequest) -> HttpResponse:
    """First login of a professional: link an authenticator app by QR code."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if _confirmed_totp(request.user) is not None:
        # Re-linking an app needs the old one first: nobody takes over an account
        # with just a password.
        return redirect("accounts:verify" if not request.user.is_verified() else "home")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator-app", confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "Uw authenticator-app is gekoppeld.")
            return _after_verification(request)
        form.add_error(
            "token", "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat."
        )
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/totp_setup.html",
        {
            "form": form,
            "qr": _qr_data_uri(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


@method_decorator(two_factor_exempt, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


@method_decorator(two_factor_exempt, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(two_factor_exempt, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        # Whoever proved control of the mailbox may log in again at once: the reset
        # ends a wait or lock of this account (accounts/inlogrem.py).
        response = super().form_valid(form)
        inlogrem.wis(form.user.email)
        return response


@method_decorator(two_factor_exempt, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
