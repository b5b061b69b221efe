from django.urls import path

from arrangeren.jeugdhulp import views
from arrangeren.jeugdhulp.monitor import views as monitor

# Included by arrangeren/urls.py under the namespace "arrangeren".
urlpatterns = [
    path(
        "trajecten/<uuid:uuid>/jeugdhulp/",
        views.jeugdhulp_registreren,
        name="jeugdhulp_registreren",
    ),
    path("jeugdhulp/<uuid:uuid>/", views.jeugdhulp_detail, name="jeugdhulp_detail"),
    path("regiomonitor/", monitor.regiomonitor, name="regiomonitor"),
    path("regiomonitor/regiomonitor.csv", monitor.regiomonitor_csv, name="regiomonitor_csv"),
    # One view per action, each on the path it always had.
    path("jeugdhulp/<uuid:uuid>/uren/", views.jeugdhulp_uren, name="jeugdhulp_uren"),
    path("jeugdhulp/<uuid:uuid>/einde/", views.jeugdhulp_einde, name="jeugdhulp_einde"),
    path(
        "jeugdhulp/<uuid:uuid>/uitzondering/",
        views.jeugdhulp_uitzondering,
        name="jeugdhulp_uitzondering",
    ),
    path(
        "jeugdhulp/<uuid:uuid>/eindafspraken/",
        views.jeugdhulp_eindafspraken,
        name="jeugdhulp_eindafspraken",
    ),
    # Kader exceptions agreed by school and SWV (issue 17).
    path(
        "jeugdhulp/kaderuitzonderingen/",
        views.jeugdhulp_uitzonderingen,
        name="jeugdhulp_uitzonderingen",
    ),
    path(
        "jeugdhulp/kaderuitzonderingen/<uuid:uuid>/akkoord/",
        views.jeugdhulp_uitzondering_akkoord,
        name="jeugdhulp_uitzondering_akkoord",
    ),
    # Last: the old name, reverse("arrangeren:jeugdhulp_actie", args=[uuid, "<action>"]),
    # gives the paths above; any other slug ends here in a 404.
    path(
        "jeugdhulp/<uuid:uuid>/<slug:actie>/",
        views.jeugdhulp_onbekende_actie,
        name="jeugdhulp_actie",
    ),
]
