"""The Django admin: model pages only for the beheerder with model rights; no roles,
accounts, passwords, second factors or pupil data."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.accounts.permissiematrix.entries import ANONIEM, IEDEREEN
from tests.conftest import login_verified, user_by_email


@pytest.mark.parametrize("page", ["changelist", "add"])
@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
@pytest.mark.parametrize("persona", IEDEREEN)
def test_admin_model_pages_are_for_the_beheerder_with_model_rights(
    client, db, model, persona, page
):
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{page}")
    if persona == ANONIEM:
        assert client.get(url).status_code == 302
        return
    user = user_by_email(persona)
    login_verified(client, user)
    response = client.get(url)
    perm = "view" if page == "changelist" else "add"
    if not user.is_staff:
        assert response.status_code == 302
        assert client.get(response.url).status_code == 404  # the admin's login: not hers
    elif user.has_perm(f"{meta.app_label}.{perm}_{meta.model_name}"):
        assert response.status_code == 200
    else:
        assert response.status_code == 404  # outside her role, like the rest of the app


# The admin gives no roles, makes no accounts and sets no password or e-mail address:
# roles go with four eyes in the app (docs/beheer.md). Tested as a superuser too.
ADMIN_USER = "/beheer/admin/accounts/user/"


@pytest.fixture(params=["beheer@demo.nl", "superuser"])
def admin_client(request, client, db):
    from accounts.models import User

    if request.param == "superuser":
        user = User.objects.create_superuser("root@demo.nl", "x", naam="Root")
    else:
        user = user_by_email(request.param)
    return login_verified(client, user)


def test_admin_makes_no_accounts(admin_client):
    from accounts.models import User

    aantal = User.objects.count()
    assert admin_client.get(f"{ADMIN_USER}add/").status_code == 404
    response = admin_client.post(
        f"{ADMIN_USER}add/",
        {"email": "nieuw@demo.nl", "naam": "Nieuw", "password1": "x", "password2": "x"},
    )
    assert response.status_code == 404
    assert User.objects.count() == aantal


def test_admin_sets_no_password(admin_client):
    from django.urls import NoReverseMatch

    mentor = user_by_email("mentor@demo.nl")
    hash_voor = mentor.password
    with pytest.raises(NoReverseMatch):
        reverse("admin:auth_user_password_change", args=[mentor.pk])
    url = f"{ADMIN_USER}{mentor.pk}/password/"
    assert admin_client.get(url, follow=True).status_code == 200  # the list, no form
    admin_client.post(url, {"password1": "Nieuw-Wachtwoord-42", "password2": "Nieuw-Wachtwoord-42"})
    mentor.refresh_from_db()
    assert mentor.password == hash_voor
    page = admin_client.get(f"{ADMIN_USER}{mentor.pk}/change/").content.decode()
    assert f"{mentor.pk}/password/" not in page and 'name="password' not in page


def test_admin_changes_only_whether_an_account_is_active(admin_client):
    from accounts.models import Lidmaatschap, Organisatie

    mentor = user_by_email("mentor@demo.nl")
    page = admin_client.get(f"{ADMIN_USER}{mentor.pk}/change/").content.decode()
    assert 'name="email"' not in page and 'name="naam"' not in page
    assert 'name="is_active"' in page
    regenboog = Organisatie.objects.get(naam="Basisschool De Regenboog")
    rollen_voor = Lidmaatschap.objects.count()
    admin_client.post(
        f"{ADMIN_USER}{mentor.pk}/change/",
        {
            "email": "ander@demo.nl",
            "naam": "Ander",
            "is_staff": "on",
            "is_superuser": "on",
            "lidmaatschappen-TOTAL_FORMS": "1",
            "lidmaatschappen-INITIAL_FORMS": "0",
            "lidmaatschappen-0-organisatie": regenboog.pk,
            "lidmaatschappen-0-rol": "directeur",
            "_save": "Opslaan",
        },
    )
    mentor.refresh_from_db()
    assert mentor.email == "mentor@demo.nl" and mentor.naam == "Martijn Kok"
    assert not mentor.is_staff and not mentor.is_superuser
    assert not mentor.is_active  # switched off: the one change the admin makes
    assert Lidmaatschap.objects.count() == rollen_voor


def test_admin_has_no_page_for_roles_proposals_events_or_links():
    from accounts.models import Beheergebeurtenis, Emaillink, Lidmaatschap, Roltoekenning

    for model in (Lidmaatschap, Roltoekenning, Beheergebeurtenis, Emaillink):
        assert model not in admin.site._registry


def test_beheerder_cannot_switch_off_her_own_account(login):
    beheer = user_by_email("beheer@demo.nl")
    client = login("beheer@demo.nl")
    page = client.get(f"{ADMIN_USER}{beheer.pk}/change/").content.decode()
    assert 'name="is_active"' not in page


def test_admin_holds_no_pupil_data():
    registered = {model._meta.label for model in admin.site._registry}
    assert "accounts.Leerling" not in registered
    assert "accounts.Gezag" not in registered
    assert "accounts.Toegangslog" not in registered


# Nobody sets another person's second factor in the admin, and no rights go by group.


def test_admin_sets_no_second_factor_and_has_no_groups(admin_client, settings):
    from django.contrib.auth.models import Group

    for model in admin.site._registry:
        assert not model._meta.app_config.name.startswith("django_otp"), model._meta.label
    assert Group not in admin.site._registry
    for pad in [
        "otp_totp/totpdevice/",
        "otp_totp/totpdevice/add/",
        "otp_email/emaildevice/",
        "otp_static/staticdevice/",
        "auth/group/",
        "auth/group/add/",
    ]:
        assert admin_client.get(f"/beheer/admin/{pad}").status_code == 404, pad
    assert settings.OTP_ADMIN_HIDE_SENSITIVE_DATA is True


# What the region's beheerder can do in the admin, written out (docs/beheer.md): the
# test above derives its expectation from her rights, so it cannot catch rights given
# too widely.
REGIO_ADMIN = {
    "accounts.Organisatie": {"view", "add", "change"},
    "accounts.User": {"view", "change"},
    "tlv.TlvInstelling": {"view", "add", "change", "delete"},
}


def test_the_regions_admin_rights_are_exactly_these(rf, db):
    from accounts.models import Organisatie, User

    request = rf.get("/beheer/admin/")
    request.user = user_by_email("beheer@demo.nl")
    rechten = {}
    for model, model_admin in admin.site._registry.items():
        mag = {
            "view": model_admin.has_view_permission(request),
            "add": model_admin.has_add_permission(request),
            "change": model_admin.has_change_permission(request),
            "delete": model_admin.has_delete_permission(request),
        }
        if any(mag.values()):
            rechten[model._meta.label] = {recht for recht, ja in mag.items() if ja}
    assert rechten == REGIO_ADMIN
    # On someone else's account the one field she changes is whether it is active.
    mentor = user_by_email("mentor@demo.nl")
    user_form = admin.site._registry[User].get_form(request, mentor)
    assert set(user_form.base_fields) == {"is_active"}
    # An organisation with a beheerder keeps its named contact out of her reach.
    regenboog = Organisatie.objects.get(naam="Basisschool De Regenboog")
    organisatie_form = admin.site._registry[Organisatie].get_form(request, regenboog)
    assert set(organisatie_form.base_fields) == {
        "naam",
        "sector",
        "code",
        "plaats",
        "swv",
        "gemeente",
    }


def test_lockouts_are_seen_in_the_admin_but_not_reset(client, db):
    """Axes' records of login attempts are evidence: seen, never changed or deleted
    (docs/beheer.md; the lock itself is accounts/inlogrem.py)."""
    from axes.models import AccessAttempt

    from accounts.models import User

    poging = AccessAttempt.objects.create(
        username="mentor@demo.nl",
        ip_address="10.0.0.1",
        user_agent="test",
        path_info="/inloggen/",
        get_data="",
        post_data="",
        http_accept="*/*",
        failures_since_start=5,
    )
    beheer = login_verified(client, user_by_email("beheer@demo.nl"))
    assert beheer.get("/beheer/admin/axes/accessattempt/").status_code == 404
    root = login_verified(client, User.objects.create_superuser("root@demo.nl", "x", naam="R"))
    lijst = root.get("/beheer/admin/axes/accessattempt/")
    assert lijst.status_code == 200 and "mentor@demo.nl" in lijst.content.decode()
    assert 'name="q"' not in lijst.content.decode()  # no address in a query string
    url = f"/beheer/admin/axes/accessattempt/{poging.pk}/delete/"
    assert root.post(url, {"post": "yes"}).status_code == 404
    root.post(
        "/beheer/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [poging.pk], "post": "yes"},
    )
    assert AccessAttempt.objects.filter(pk=poging.pk).exists()
