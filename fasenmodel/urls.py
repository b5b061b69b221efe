from django.urls import path

from . import opschalen, views, views_leerplicht

app_name = "fasenmodel"

urlpatterns = [
    path("leerlingen/<uuid:uuid>/fase/", views.leerling_fase, name="leerling_fase"),
    path("thuiszitters/", views.thuiszitters, name="thuiszitters"),
    path("thuiszitters/nieuw/", views.thuiszitter_nieuw, name="thuiszitter_nieuw"),
    path("thuiszitters/<uuid:uuid>/", views.thuiszitter_detail, name="thuiszitter_detail"),
    path(
        "thuiszitters/<uuid:uuid>/bewerken/",
        views.thuiszitter_bewerken,
        name="thuiszitter_bewerken",
    ),
    path("thuiszitters/<uuid:uuid>/procesregie/", views.procesregie, name="procesregie"),
    path("fasenmodel/overzicht/", views.overzicht, name="overzicht"),
    # Opschalen via the escalation ladder (docs/fasenmodel.md, "Opschalen").
    path(
        "thuiszitters/<uuid:uuid>/opschalen/",
        opschalen.thuiszitter_opschalen,
        name="thuiszitter_opschalen",
    ),
    path(
        "thuiszitters/opschalingen/<uuid:uuid>/",
        opschalen.opschaling_detail,
        name="opschaling_detail",
    ),
    path(
        "thuiszitters/opschalingen/<uuid:uuid>/oplossen/",
        opschalen.opschaling_oplossen,
        name="opschaling_oplossen",
    ),
    path("vrijstellingen/", views_leerplicht.vrijstellingen, name="vrijstellingen"),
    path("vrijstellingen/nieuw/", views_leerplicht.vrijstelling_nieuw, name="vrijstelling_nieuw"),
    path("vrijstellingen/<uuid:uuid>/", views_leerplicht.vrijstelling, name="vrijstelling"),
    path(
        "vrijstellingen/<uuid:uuid>/bewerken/",
        views_leerplicht.vrijstelling_bewerken,
        name="vrijstelling_bewerken",
    ),
    path(
        "leerlingen/<uuid:uuid>/onderwijstijd/",
        views_leerplicht.onderwijstijd,
        name="onderwijstijd",
    ),
]
