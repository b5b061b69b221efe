from django.urls import path

from accounts.views import auth, beheer, leerlingen, system, toestemming

app_name = "accounts"

urlpatterns = [
    path("inloggen/", auth.LoginView.as_view(), name="login"),
    path("uitloggen/", auth.LogoutView.as_view(), name="logout"),
    path("inloggen/verificatie/", auth.verify, name="verify"),
    path("inloggen/verificatie/nieuwe-code/", auth.resend_email_code, name="resend_code"),
    path("inloggen/authenticator-koppelen/", auth.totp_setup, name="totp_setup"),
    path("wachtwoord-vergeten/", auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("rol/", system.switch_rol, name="switch_rol"),
    path("leerlingen/", leerlingen.leerling_list, name="leerling_list"),
    path("leerlingen/<uuid:uuid>/", leerlingen.leerling_detail, name="leerling_detail"),
    path("toestemmingen/", toestemming.mijn_toestemmingen, name="toestemmingen"),
    path(
        "leerlingen/<uuid:uuid>/toestemming/",
        toestemming.leerling_toestemming,
        name="leerling_toestemming",
    ),
    path("beheer/toegangslog/", beheer.toegangslog, name="toegangslog"),
]
