from django.urls import path

from arrangeren.tlv.views import aanvraag, acties, overzicht

# Included by arrangeren/urls.py under the namespace "arrangeren".
urlpatterns = [
    path("tlv/", aanvraag.tlv_lijst, name="tlv_lijst"),
    path("tlv/overzicht/", overzicht.tlv_overzicht, name="tlv_overzicht"),
    path("tlv/export.csv", overzicht.tlv_export, name="tlv_export"),
    path("tlv/traject/<uuid:uuid>/aanvragen/", aanvraag.tlv_nieuw, name="tlv_nieuw"),
    path("tlv/bijlagen/<uuid:uuid>/", aanvraag.tlv_bijlage, name="tlv_bijlage"),
    path("tlv/<uuid:uuid>/", aanvraag.tlv_detail, name="tlv_detail"),
    path("tlv/<uuid:uuid>/bewerken/", aanvraag.tlv_bewerken, name="tlv_bewerken"),
    path("tlv/<uuid:uuid>/besluit.pdf", aanvraag.tlv_besluit, name="tlv_besluit"),
    # One view per action, each on the path it always had.
    path("tlv/<uuid:uuid>/indienen/", acties.tlv_indienen, name="tlv_indienen"),
    path("tlv/<uuid:uuid>/bijlage/", acties.tlv_bijlage_toevoegen, name="tlv_bijlage_toevoegen"),
    path("tlv/<uuid:uuid>/in_behandeling/", acties.tlv_in_behandeling, name="tlv_in_behandeling"),
    path("tlv/<uuid:uuid>/aanvulling/", acties.tlv_aanvulling_vragen, name="tlv_aanvulling_vragen"),
    path("tlv/<uuid:uuid>/besluit/", acties.tlv_beslissen, name="tlv_beslissen"),
    path("tlv/<uuid:uuid>/verlengen/", acties.tlv_verlengen, name="tlv_verlengen"),
    path("tlv/<uuid:uuid>/toewijzen/", acties.tlv_toewijzen, name="tlv_toewijzen"),
    path(
        "tlv/<uuid:uuid>/bezwaar/", acties.tlv_bezwaar_registreren, name="tlv_bezwaar_registreren"
    ),
    path(
        "tlv/<uuid:uuid>/bezwaar_uitkomst/",
        acties.tlv_bezwaar_uitkomst,
        name="tlv_bezwaar_uitkomst",
    ),
    # Last: the old name, reverse("arrangeren:tlv_actie", args=[uuid, "<action>"]), gives
    # the paths above; any other slug ends here in a 404.
    path("tlv/<uuid:uuid>/<slug:actie>/", acties.tlv_onbekende_actie, name="tlv_actie"),
]
