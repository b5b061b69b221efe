from django.urls import path

from arrangeren.tlv import views

# Included by arrangeren/urls.py under the namespace "arrangeren".
urlpatterns = [
    path("tlv/", views.tlv_lijst, name="tlv_lijst"),
    path("tlv/overzicht/", views.tlv_overzicht, name="tlv_overzicht"),
    path("tlv/export.csv", views.tlv_export, name="tlv_export"),
    path("tlv/traject/<uuid:uuid>/aanvragen/", views.tlv_nieuw, name="tlv_nieuw"),
    path("tlv/bijlagen/<uuid:uuid>/", views.tlv_bijlage, name="tlv_bijlage"),
    path("tlv/<uuid:uuid>/", views.tlv_detail, name="tlv_detail"),
    path("tlv/<uuid:uuid>/bewerken/", views.tlv_bewerken, name="tlv_bewerken"),
    path("tlv/<uuid:uuid>/besluit.pdf", views.tlv_besluit, name="tlv_besluit"),
    path("tlv/<uuid:uuid>/<slug:actie>/", views.tlv_actie, name="tlv_actie"),
]
