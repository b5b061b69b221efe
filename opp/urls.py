from django.urls import path

from opp.views import bewerken, gezinsplan, ondertekening, opp

app_name = "opp"

# One view per action on an OPP, each at /opp/<uuid>/<action>/.
ACTIES = [
    ("doel_toevoegen", bewerken.doel_toevoegen, "doel_toevoegen"),
    ("doel_verwijderen", bewerken.doel_verwijderen, "doel_verwijderen"),
    ("evaluatie", bewerken.evaluatie_bewaren, "evaluatie_bewaren"),
    ("evaluatie_vastleggen", bewerken.evaluatie_vastleggen, "evaluatie_vastleggen"),
    ("inzet_toevoegen", bewerken.inzet_toevoegen, "inzet_toevoegen"),
    ("inzet_verwijderen", bewerken.inzet_verwijderen, "inzet_verwijderen"),
    ("bijlage", bewerken.bijlage_toevoegen, "bijlage_toevoegen"),
    ("nieuwe_versie", bewerken.nieuwe_versie, "nieuwe_versie"),
    ("versturen", ondertekening.versturen, "versturen"),
    ("toegang_toevoegen", ondertekening.toegang_toevoegen, "toegang_toevoegen"),
    ("verzoek_intrekken", ondertekening.verzoek_intrekken, "verzoek_intrekken"),
    ("opnieuw_vragen", ondertekening.opnieuw_vragen, "opnieuw_vragen"),
    ("herinnering", ondertekening.herinnering_sturen, "herinnering_sturen"),
    ("ouders_vragen", ondertekening.ouders_vragen, "ouders_vragen"),
]

urlpatterns = [
    path("leerlingen/<uuid:uuid>/opp/", opp.leerling_opp, name="leerling_opp"),
    path("opp/<uuid:uuid>/", opp.opp_detail, name="opp_detail"),
    path("opp/<uuid:uuid>/bewerken/", bewerken.opp_bewerken, name="opp_bewerken"),
    path("opp/<uuid:uuid>/ondertekenen/", ondertekening.ondertekenen, name="ondertekenen"),
    path("opp/<uuid:uuid>/code/", ondertekening.code_sturen, name="code_sturen"),
    path("opp/<uuid:uuid>/visie/", bewerken.visie_ouders, name="visie_ouders"),
    path("opp/<uuid:uuid>/vergelijken/", opp.opp_vergelijken, name="opp_vergelijken"),
    path("opp/<uuid:uuid>/pdf/", opp.opp_pdf, name="opp_pdf"),
    path("opp/<uuid:uuid>/organisaties/", opp.organisaties_zoeken, name="organisaties_zoeken"),
    *(path(f"opp/<uuid:uuid>/{actie}/", view, name=naam) for actie, view, naam in ACTIES),
    # The old name: reversing it with an action's word gives that action's address above.
    path("opp/<uuid:uuid>/<slug:actie>/", opp.onbekende_actie, name="opp_actie"),
    path("opp-bijlagen/<uuid:uuid>/", opp.bijlage_downloaden, name="bijlage_downloaden"),
    path(
        "leerlingen/<uuid:uuid>/gezinsplan/",
        gezinsplan.leerling_gezinsplan,
        name="leerling_gezinsplan",
    ),
    path("gezinsplannen/<uuid:uuid>/", gezinsplan.gezinsplan_detail, name="gezinsplan_detail"),
    path(
        "gezinsplan-bestanden/<uuid:uuid>/",
        gezinsplan.gezinsplan_bestand,
        name="gezinsplan_bestand",
    ),
    path(
        "gezinsplannen/<uuid:uuid>/bewerken/",
        gezinsplan.gezinsplan_bewerken,
        name="gezinsplan_bewerken",
    ),
]
