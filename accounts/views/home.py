from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import berichten, eerste_beheerder, rolbeheer
from accounts.models import Leerling, Lidmaatschap, Organisatie, Toegangslog, User
from accounts.permissions import kinderen_met
from accounts.rolcontext import Rolcontext, get_rolcontext
from accounts.rollen import ROLLEN, Bereik, Ouderrecht, Recht, Rol, Soort
from accounts.services import log_toegang


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A start page that fits the active role and organisation."""
    return render(request, "home/index.html", home_context(request))


def home_context(request: HttpRequest) -> dict:
    """The role's own start page content; apps add their work list to it."""
    rolcontext = get_rolcontext(request)
    context = {
        "rolcontext": rolcontext,
        "niet_afgeleverd": berichten.niet_afgeleverd_voor(request.user).count(),
    }
    context.update(_startpagina(request, rolcontext))
    return context


def _startpagina(request: HttpRequest, rolcontext: Rolcontext) -> dict:
    """Which start page the active role gets, with its own content."""
    lid = rolcontext.lidmaatschap
    bereik = ROLLEN[Rol(lid.rol)].bereik if lid else None
    if rolcontext.is_ouder:
        return _voor_ouder(request)
    if bereik == Bereik.EIGEN_SCHOOL:
        aantal = Leerling.objects.for_user(request.user).filter(school=lid.organisatie).count()
        return {"template": "home/school.html", "aantal_leerlingen": aantal}
    if bereik == Bereik.EIGEN_LEERLINGEN:
        return _voor_leerkracht(request, lid)
    if Recht.REGIO_BEHEREN in rolcontext.rechten:
        return _voor_beheerder()
    if Recht.ORGANISATIE_BEHEREN in rolcontext.rechten:
        return _voor_organisatiebeheerder(request, lid)
    if lid and lid.organisatie.soort == Soort.SWV:
        return {"template": "home/swv.html", "scholen": lid.organisatie.scholen.order_by("naam")}
    if lid:
        aantal = Leerling.objects.for_user(request.user).count()
        return {"template": "home/toestemming.html", "aantal_leerlingen": aantal}
    return {"template": "home/geen_rol.html"}


def _voor_ouder(request: HttpRequest) -> dict:
    kinderen = list(
        Leerling.objects.for_user(request.user)
        .filter(gezagen__ouder=request.user)
        .select_related("school")
    )
    log_toegang(request, kinderen, Toegangslog.Actie.ZOEKEN, "Startpagina: mijn kinderen")
    # A parent without custody hears about important matters, no more (BW 1:377c).
    beslissen = kinderen_met(request.user, Ouderrecht.BESLISSEN)
    return {
        "template": "home/ouder.html",
        "kinderen": [(kind, kind.pk in beslissen) for kind in kinderen],
        "beslist_mee": bool(beslissen),
    }


def _voor_leerkracht(request: HttpRequest, lid: Lidmaatschap) -> dict:
    leerlingen = list(
        Leerling.objects.for_user(request.user).filter(
            school=lid.organisatie, mentoren=request.user
        )
    )
    log_toegang(request, leerlingen, Toegangslog.Actie.ZOEKEN, "Startpagina: mijn leerlingen")
    return {"template": "home/leerkracht.html", "leerlingen": leerlingen}


def _voor_beheerder() -> dict:
    return {
        "template": "home/beheerder.html",
        "organisaties": Organisatie.objects.values("soort")
        .annotate(aantal=Count("pk"))
        .order_by("soort"),
        "soorten": dict(Soort.choices),
        "aantal_gebruikers": User.objects.filter(is_active=True).count(),
        **eerste_beheerder.regio_overzicht(),
    }


def _voor_organisatiebeheerder(request: HttpRequest, lid: Lidmaatschap) -> dict:
    voorstellen = rolbeheer.open_voorstellen(lid.organisatie, request.user)
    return {
        "template": "home/organisatiebeheerder.html",
        "te_bevestigen": [t for t in voorstellen if t.reden_niet is None],
        "wachtend": [t for t in voorstellen if t.reden_niet is not None],
        "niet_geactiveerd": rolbeheer.niet_geactiveerd(lid.organisatie).order_by("naam"),
    }
