"""“Mijn werk”: the home page, with each role's work list on top of its start page.

Every feature contributes through `AppConfig.werk_voor` (accounts/werk.py); this module
only merges their parts and writes the access log.
"""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import Toegangslog
from accounts.rolcontext import Rolcontext
from accounts.services import log_toegang
from accounts.views.home import home_context
from accounts.werk import Werkonderdeel


def werkonderdelen(request: HttpRequest, rolcontext: Rolcontext) -> list[Werkonderdeel]:
    onderdelen = []
    for app_config in apps.get_app_configs():
        hook = getattr(app_config, "werk_voor", None)
        onderdeel = hook(request, rolcontext) if hook is not None else None
        if onderdeel is not None:
            onderdelen.append(onderdeel)
    return onderdelen


@login_required
def mijn_werk(request: HttpRequest) -> HttpResponse:
    context = home_context(request)
    werk, leerlingen = {}, []
    for onderdeel in werkonderdelen(request, context["rolcontext"]):
        werk.update(onderdeel.items)
        leerlingen += onderdeel.leerlingen
        for inzage in onderdeel.inzagen:
            uniek = list({leerling.pk: leerling for leerling in inzage.leerlingen}.values())
            log_toegang(
                request,
                uniek,
                Toegangslog.Actie.ZOEKEN,
                inzage.onderdeel,
                aanvullend=inzage.aanvullend,
            )
    if leerlingen:
        uniek = list({leerling.pk: leerling for leerling in leerlingen}.values())
        log_toegang(request, uniek, Toegangslog.Actie.ZOEKEN, "Mijn werk")
    context["werk"] = werk
    return render(request, "home/index.html", context)
