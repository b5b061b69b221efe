from django.urls import path

from arrangeren.route.views import mdo, opschalen, tevredenheid, traject, verslag

# Included by arrangeren/urls.py under the namespace "arrangeren".
urlpatterns = [
    path("trajecten/", traject.traject_list, name="traject_list"),
    path("leerlingen/<uuid:uuid>/traject-openen/", traject.traject_open, name="traject_open"),
    path("trajecten/<uuid:uuid>/", traject.traject_detail, name="traject_detail"),
    path("trajecten/<uuid:uuid>/stap/<int:stap>/", traject.stap_bewerken, name="stap_bewerken"),
    path("trajecten/<uuid:uuid>/regie/", traject.regie_overdragen, name="regie_overdragen"),
    path("trajecten/<uuid:uuid>/situatie/", traject.traject_kenmerken, name="traject_kenmerken"),
    path("trajecten/<uuid:uuid>/mdo-plannen/", mdo.mdo_plannen, name="mdo_plannen"),
    # One view per action on the traject page, each at its own address.
    path(
        "trajecten/<uuid:uuid>/voortgang/",
        traject.voortgang_toevoegen,
        name="voortgang_toevoegen",
    ),
    path(
        "trajecten/<uuid:uuid>/verplaatsen/",
        traject.traject_verplaatsen,
        name="traject_verplaatsen",
    ),
    path("trajecten/<uuid:uuid>/afsluiten/", traject.traject_afsluiten, name="traject_afsluiten"),
    # Opschalen via the escalation ladder (docs/route.md, "Opschalen").
    path("trajecten/<uuid:uuid>/opschalen/", opschalen.traject_opschalen, name="traject_opschalen"),
    path("opschalingen/<uuid:uuid>/", opschalen.opschaling_detail, name="opschaling_detail"),
    path(
        "opschalingen/<uuid:uuid>/oplossen/",
        opschalen.opschaling_oplossen,
        name="opschaling_oplossen",
    ),
]

# After the other features' paths: "trajecten/<uuid>/<slug>/" would catch theirs.
acties = [
    # The old name: reversing it with an action's word gives that action's address above.
    path("trajecten/<uuid:uuid>/<slug:actie>/", traject.onbekende_actie, name="traject_actie"),
    path("mdo/<uuid:uuid>/", mdo.mdo_detail, name="mdo_detail"),
    path("mdo/<uuid:uuid>/wijzigen/", mdo.mdo_bewerken, name="mdo_bewerken"),
    path("mdo/<uuid:uuid>/agenda.ics", mdo.mdo_ics, name="mdo_ics"),
    path("mdo/<uuid:uuid>/personen/", mdo.personen_zoeken, name="personen_zoeken"),
    path("mdo/<uuid:uuid>/leerlinggesprek/", mdo.leerlinggesprek, name="leerlinggesprek"),
    path("mdo/<uuid:uuid>/verslag/", verslag.verslag, name="verslag"),
    path("mdo/<uuid:uuid>/verslag/pdf/", verslag.verslag_pdf, name="verslag_pdf"),
    path("stukken/<uuid:uuid>/", mdo.stuk_downloaden, name="stuk_downloaden"),
    path("mdo/<uuid:uuid>/tevredenheid/", tevredenheid.tevredenheid, name="tevredenheid"),
    path(
        "mdo/<uuid:uuid>/tevredenheid/overslaan/",
        tevredenheid.tevredenheid_overslaan,
        name="tevredenheid_overslaan",
    ),
]
