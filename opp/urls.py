from django.urls import path

from opp.views import opp

app_name = "opp"

urlpatterns = [
    path("leerlingen/<uuid:uuid>/opp/", opp.leerling_opp, name="leerling_opp"),
    path("opp/<uuid:uuid>/", opp.opp_detail, name="opp_detail"),
    path("opp/<uuid:uuid>/bewerken/", opp.opp_bewerken, name="opp_bewerken"),
    path("opp/<uuid:uuid>/ondertekenen/", opp.ondertekenen, name="ondertekenen"),
    path("opp/<uuid:uuid>/visie/", opp.visie_ouders, name="visie_ouders"),
    path("opp/<uuid:uuid>/vergelijken/", opp.opp_vergelijken, name="opp_vergelijken"),
    path("opp/<uuid:uuid>/pdf/", opp.opp_pdf, name="opp_pdf"),
    path("opp/<uuid:uuid>/<slug:actie>/", opp.opp_actie, name="opp_actie"),
    path("opp-bijlagen/<uuid:uuid>/", opp.bijlage_downloaden, name="bijlage_downloaden"),
]
