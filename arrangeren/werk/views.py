"""“Mijn werk”: the home page, with each role's work list on top of its start page.

Every feature contributes through `AppConfig.werk_voor` (accounts/werk.py); this module
only merges their parts and writes the access log (one INSERT for the whole page).
"""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Toegangslog
from accounts.permissions import Toegangsgronden
from accounts.rolcontext import Rolcontext
from accounts.services import client_ip
from accounts.views.home import home_context
from accounts.werk import Inzage, Werkonderdeel


def werkonderdelen(request: HttpRequest, rolcontext: Rolcontext) -> list[Werkonderdeel]:
    onderdelen = []
    for app_config in apps.get_app_configs():
        hook = getattr(app_config, "werk_voor", None)
        onderdeel = hook(request, rolcontext) if hook is not None else None
        if onderdeel is not None:
            onderdelen.append(onderdeel)
    return onderdelen


@login_required
@require_GET
def mijn_werk(request: HttpRequest) -> HttpResponse:
    context = home_context(request)
    werk, leerlingen, inzagen = {}, [], []
    for onderdeel in werkonderdelen(request, context["rolcontext"]):
        werk.update(onderdeel.items)
        leerlingen += onderdeel.leerlingen
        inzagen += onderdeel.inzagen
    if leerlingen:
        inzagen.append(Inzage(leerlingen, "Mijn werk"))
    log_inzagen(request, inzagen)
    context["werk"] = werk
    return render(request, "home/index.html", context)


def log_inzagen(request: HttpRequest, inzagen: list[Inzage]) -> None:
    """Every pupil named on the page, once per part, in one INSERT: the parts with a ground
    of their own (in app order) and then all others as "Mijn werk"."""
    per_inzage = [
        (inzage, list({leerling.pk: leerling for leerling in inzage.leerlingen}.values()))
        for inzage in inzagen
    ]
    alle = [leerling for _, leerlingen in per_inzage for leerling in leerlingen]
    if not alle:
        return
    gronden = Toegangsgronden(request.user, leerlingen=alle)
    ip_adres = client_ip(request)
    regels = []
    for inzage, leerlingen in per_inzage:
        gronden.aanvullend = inzage.aanvullend
        for leerling in leerlingen:
            grond = gronden.voor(leerling)
            if grond is None:
                # As in accounts.services.schrijf_toegangslog: no ground, no data shown.
                raise PermissionError("Geen toegangsgrond voor deze leerling.")
            regels.append(
                Toegangslog(
                    gebruiker=request.user,
                    organisatie_id=grond.organisatie_id,
                    rol=grond.rol,
                    leerling=leerling,
                    actie=Toegangslog.Actie.ZOEKEN,
                    onderdeel=inzage.onderdeel,
                    ip_adres=ip_adres,
                )
            )
    Toegangslog.objects.bulk_create(regels, batch_size=500)
