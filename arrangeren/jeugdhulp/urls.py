from django.urls import path

from arrangeren.jeugdhulp import views

# Included by arrangeren/urls.py under the namespace "arrangeren".
urlpatterns = [
    path(
        "trajecten/<uuid:uuid>/jeugdhulp/",
        views.jeugdhulp_registreren,
        name="jeugdhulp_registreren",
    ),
    path("jeugdhulp/<uuid:uuid>/", views.jeugdhulp_detail, name="jeugdhulp_detail"),
    path("jeugdhulp/<uuid:uuid>/<slug:actie>/", views.jeugdhulp_actie, name="jeugdhulp_actie"),
]
