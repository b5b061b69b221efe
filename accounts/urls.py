from django.urls import path

from accounts.views import (
    account,
    auth,
    beheer,
    berichten,
    blokkade,
    eerste_beheerder,
    importeren,
    leerlingen,
    notificaties,
    opschalen,
    ouders,
    overstap,
    rolbeheer,
    schoolcontacten,
    system,
    taken,
    toestemming,
)

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
    path("inloggen/blokkade/<str:token>/", blokkade.blokkade_link, name="blokkade_link"),
    path("inloggen/blokkade/", blokkade.blokkade_opheffen, name="blokkade_opheffen"),
    path("activeren/<str:token>/", account.activeren_link, name="activeren"),
    path("activeren/", account.activeren, name="activeren_form"),
    path("account/", account.account, name="account"),
    path(
        "account/emailadres/<str:token>/",
        account.email_bevestigen_link,
        name="email_bevestigen",
    ),
    path("account/emailadres/", account.email_bevestigen, name="email_bevestigen_form"),
    # Notifications, the bell in the header (docs/meldingen.md).
    path("meldingen/", notificaties.meldingen, name="meldingen"),
    path("meldingen/alles-gelezen/", notificaties.meldingen_gelezen, name="meldingen_gelezen"),
    path("meldingen/<uuid:uuid>/", notificaties.melding, name="melding"),
    path("meldingen/<uuid:uuid>/gelezen/", notificaties.melding_gelezen, name="melding_gelezen"),
    path("rol/", system.switch_rol, name="switch_rol"),
    # E-mail that did not arrive (docs/productie.md).
    path("berichten/niet-afgeleverd/", berichten.niet_afgeleverd, name="berichten_niet_afgeleverd"),
    path(
        "berichten/<uuid:uuid>/opnieuw-versturen/",
        berichten.opnieuw_versturen,
        name="bericht_opnieuw_versturen",
    ),
    path("leerlingen/", leerlingen.leerling_list, name="leerling_list"),
    path("leerlingen/<uuid:uuid>/", leerlingen.leerling_detail, name="leerling_detail"),
    path("toestemmingen/", toestemming.mijn_toestemmingen, name="toestemmingen"),
    path(
        "leerlingen/<uuid:uuid>/toestemming/",
        toestemming.leerling_toestemming,
        name="leerling_toestemming",
    ),
    # Moves between schools (docs/overstap.md).
    path("overstappen/", overstap.overstappen, name="overstappen"),
    path(
        "leerlingen/<uuid:uuid>/overstap/antwoord-leerling/",
        overstap.overstap_leerling_antwoord,
        name="overstap_leerling_antwoord",
    ),
    path("beheer/toegangslog/", beheer.toegangslog, name="toegangslog"),
    path(
        "beheer/toegangslog/zoekvragen/",
        beheer.toegangslog_zoekvragen,
        name="toegangslog_zoekvragen",
    ),
    path("beheer/taken/", taken.taken, name="taken"),
    path("beheer/import/", importeren.upload, name="import_upload"),
    path("beheer/import/<uuid:uuid>/", importeren.detail, name="import_detail"),
    path(
        "beheer/import/<uuid:uuid>/bevestigen/",
        importeren.bevestigen,
        name="import_bevestigen",
    ),
    path("beheer/import/<uuid:uuid>/annuleren/", importeren.annuleren, name="import_annuleren"),
    path("beheer/ouders/", ouders.ouders, name="ouders"),
    # Roles per organisation with four eyes (docs/beheer.md).
    path("beheer/organisatie/", rolbeheer.organisatie, name="beheer_organisatie"),
    path("beheer/organisatie/uitnodigen/", rolbeheer.uitnodigen, name="beheer_uitnodigen"),
    path(
        "beheer/organisatie/voorstellen/<uuid:uuid>/bevestigen/",
        rolbeheer.bevestigen,
        name="beheer_bevestigen",
    ),
    path(
        "beheer/organisatie/voorstellen/<uuid:uuid>/afwijzen/",
        rolbeheer.afwijzen,
        name="beheer_afwijzen",
    ),
    path(
        "beheer/organisatie/rollen/<int:pk>/beeindigen/",
        rolbeheer.beeindigen,
        name="beheer_beeindigen",
    ),
    path(
        "beheer/organisatie/medewerkers/<int:pk>/opnieuw-uitnodigen/",
        rolbeheer.opnieuw_uitnodigen,
        name="beheer_opnieuw_uitnodigen",
    ),
    path(
        "beheer/organisatie/contactpersoon/",
        rolbeheer.contactpersoon,
        name="beheer_contactpersoon",
    ),
    # The escalation ladder per organisation (docs/rollen.md, "Opschalen").
    path(
        "beheer/organisatie/escalatieladder/",
        opschalen.escalatieladder,
        name="beheer_escalatieladder",
    ),
    path(
        "beheer/organisatie/escalatieladder/<int:pk>/",
        opschalen.niveau_wijzigen,
        name="beheer_escalatieniveau",
    ),
    path(
        "beheer/organisatie/escalatieladder/<int:pk>/verwijderen/",
        opschalen.niveau_verwijderen,
        name="beheer_escalatieniveau_verwijderen",
    ),
    path("escalatieladder/", opschalen.mijn_escalatieladder, name="escalatieladder"),
    path("beheer/voorstellen/<uuid:uuid>/intrekken/", rolbeheer.intrekken, name="intrekken"),
    # A school's contactpersonen in the jeugdteam (docs/rollen.md).
    path("beheer/schoolcontacten/", schoolcontacten.schoolcontacten, name="schoolcontacten"),
    path(
        "beheer/schoolcontacten/<uuid:uuid>/beeindigen/",
        schoolcontacten.schoolcontact_beeindigen,
        name="schoolcontact_beeindigen",
    ),
    path("beheer/organisaties/", eerste_beheerder.organisaties, name="regio_organisaties"),
    path("beheer/organisaties/<int:pk>/", eerste_beheerder.organisatie, name="regio_organisatie"),
    path(
        "beheer/organisaties/<int:pk>/eerste-beheerder/",
        eerste_beheerder.eerste_beheerder,
        name="regio_eerste_beheerder",
    ),
    path(
        "beheer/organisaties/<int:pk>/medewerkers/<int:user_pk>/opnieuw-uitnodigen/",
        eerste_beheerder.regio_opnieuw_uitnodigen,
        name="regio_opnieuw_uitnodigen",
    ),
    path(
        "beheer/organisaties/<int:pk>/beheerders/<int:lid_pk>/beeindigen/",
        eerste_beheerder.beheerdersrol_beeindigen,
        name="regio_beheerdersrol_beeindigen",
    ),
    path(
        "beheer/organisaties/voorstellen/<uuid:uuid>/contactlink/",
        eerste_beheerder.contactlink_opnieuw,
        name="regio_contactlink_opnieuw",
    ),
    path("beheer/bevestigen/", eerste_beheerder.contact_bevestigen, name="contact_bevestigen"),
    path("beheer/bevestigen/afwijzen/", eerste_beheerder.contact_afwijzen, name="contact_afwijzen"),
    path("beheer/bevestigen/<str:token>/", eerste_beheerder.contact_link, name="contact_link"),
]
