from django.urls import path

from arrangeren.views import jeugdhulp, mdo, tlv, traject, verslag

app_name = "arrangeren"

urlpatterns = [
    path("trajecten/", traject.traject_list, name="traject_list"),
    path("leerlingen/<uuid:uuid>/traject-openen/", traject.traject_open, name="traject_open"),
    path("trajecten/<uuid:uuid>/", traject.traject_detail, name="traject_detail"),
    path("trajecten/<uuid:uuid>/stap/<int:stap>/", traject.stap_bewerken, name="stap_bewerken"),
    path("trajecten/<uuid:uuid>/regie/", traject.regie_overdragen, name="regie_overdragen"),
    path("trajecten/<uuid:uuid>/mdo-plannen/", mdo.mdo_plannen, name="mdo_plannen"),
    path(
        "trajecten/<uuid:uuid>/jeugdhulp/",
        jeugdhulp.jeugdhulp_registreren,
        name="jeugdhulp_registreren",
    ),
    path("trajecten/<uuid:uuid>/<slug:actie>/", traject.traject_actie, name="traject_actie"),
    path("jeugdhulp/<uuid:uuid>/", jeugdhulp.jeugdhulp_detail, name="jeugdhulp_detail"),
    path("jeugdhulp/<uuid:uuid>/<slug:actie>/", jeugdhulp.jeugdhulp_actie, name="jeugdhulp_actie"),
    path("mdo/<uuid:uuid>/", mdo.mdo_detail, name="mdo_detail"),
    path("mdo/<uuid:uuid>/wijzigen/", mdo.mdo_bewerken, name="mdo_bewerken"),
    path("mdo/<uuid:uuid>/leerlinggesprek/", mdo.leerlinggesprek, name="leerlinggesprek"),
    path("mdo/<uuid:uuid>/verslag/", verslag.verslag, name="verslag"),
    path("stukken/<uuid:uuid>/", mdo.stuk_downloaden, name="stuk_downloaden"),
    path("tlv/", tlv.tlv_lijst, name="tlv_lijst"),
    path("tlv/overzicht/", tlv.tlv_overzicht, name="tlv_overzicht"),
    path("tlv/export.csv", tlv.tlv_export, name="tlv_export"),
    path("tlv/traject/<uuid:uuid>/aanvragen/", tlv.tlv_nieuw, name="tlv_nieuw"),
    path("tlv/bijlagen/<uuid:uuid>/", tlv.tlv_bijlage, name="tlv_bijlage"),
    path("tlv/<uuid:uuid>/", tlv.tlv_detail, name="tlv_detail"),
    path("tlv/<uuid:uuid>/bewerken/", tlv.tlv_bewerken, name="tlv_bewerken"),
    path("tlv/<uuid:uuid>/besluit.pdf", tlv.tlv_besluit, name="tlv_besluit"),
    path("tlv/<uuid:uuid>/<slug:actie>/", tlv.tlv_actie, name="tlv_actie"),
]
