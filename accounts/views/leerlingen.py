from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.forms import LeerlingZoekForm
from accounts.invoer import herstel
from accounts.models import Informatiesoort, Leerling, Toegangslog
from accounts.ouderinformatie import informatie_voor_ouder
from accounts.overstap import pagina_context
from accounts.permissions import alleen_informatie, get_object_for_user
from accounts.schoolcontacten import contacten_van
from accounts.services import log_toegang
from accounts.toestemming import Toestemmingen
from accounts.views.overstap import LeerlingOverdrachtForm

PER_PAGINA = 25


@login_required
@require_http_methods(["GET", "POST"])
def leerling_list(request: HttpRequest) -> HttpResponse:
    """The pupils within reach. The search term comes by POST, never in the URL."""
    form = LeerlingZoekForm(request.POST or None)
    leerlingen = Leerling.objects.for_user(request.user).select_related("school")
    zoekterm = ""
    if form.is_bound and not form.is_valid():
        leerlingen = leerlingen.none()  # show the error, not an unfiltered list
    elif form.is_valid():
        zoekterm = form.cleaned_data["zoekterm"].strip()
        for deel in zoekterm.split():
            leerlingen = leerlingen.filter(
                Q(voornaam__icontains=deel)
                | Q(achternaam__icontains=deel)
                | Q(tussenvoegsel__icontains=deel)
            )
    pagina = Paginator(leerlingen, PER_PAGINA).get_page(request.POST.get("pagina"))
    log_toegang(
        request,
        pagina.object_list,
        Toegangslog.Actie.ZOEKEN,
        "Leerlingen zoeken" if zoekterm else "Leerlingenoverzicht",
    )
    return render(
        request, "leerlingen/list.html", {"form": form, "pagina": pagina, "zoekterm": zoekterm}
    )


@login_required
@require_GET
def leerling_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    leerling = get_object_for_user(
        request.user, Leerling.objects.select_related("school", "school__swv"), uuid=uuid
    )
    if alleen_informatie(request.user, leerling):
        return _informatie(request, leerling)
    log_toegang(request, leerling, Toegangslog.Actie.BEKIJKEN, "Leerlinggegevens")
    gezagen = list(leerling.gezagen.select_related("ouder").order_by("ouder__naam"))
    context = {"leerling": leerling, "gezagen": gezagen, "mentoren": leerling.mentoren.all()}
    # The school's contactpersonen in the jeugdteam (docs/rollen.md): one query.
    context["schoolcontacten"] = contacten_van(leerling.school) if leerling.school_id else []
    context.update(pagina_context(request.user, leerling))
    if context.get("leerling_antwoord_vragen"):
        context["overdracht_form"] = herstel(request, LeerlingOverdrachtForm(), bij=leerling.pk)
    if request.user.samenplan_rolcontext.is_ouder:
        # Parents see who may see their child's file through their consent, and who did.
        rijen = list(
            leerling.toestemmingen.geldig().select_related("ontvanger", "ontvanger_organisatie")
        )
        toestemmingen = Toestemmingen.uit(leerling, rijen, gezagen)
        uniek = {}
        # Consent to hand the dossier to a new school lets nobody look (docs/overstap.md).
        for rij in (r for r in rijen if r.soort != Informatiesoort.OVERDRACHT):
            sleutel = (rij.soort, rij.ontvanger_organisatie_id, rij.ontvanger_id)
            if sleutel not in uniek and toestemmingen.dekt(
                *sleutel[:1], rij.ontvanger_id, rij.ontvanger_organisatie_id
            ):
                uniek[sleutel] = rij
        context["toegang"] = list(uniek.values())
        context["inzage"] = (
            Toegangslog.objects.filter(leerling=leerling)
            .exclude(gebruiker=request.user)
            .select_related("gebruiker", "organisatie")
            .order_by("-tijdstip")[:50]
        )
    return render(request, "leerlingen/detail.html", context)


def _informatie(request: HttpRequest, leerling: Leerling) -> HttpResponse:
    """A parent without custody: information about important matters, not the file
    (BW 1:377c; docs/rollen.md, "Ouders zonder gezag")."""
    log_toegang(
        request, leerling, Toegangslog.Actie.BEKIJKEN, "Leerlinggegevens (ouder zonder gezag)"
    )
    return render(
        request,
        "leerlingen/informatie.html",
        {
            "leerling": leerling,
            "mentoren": leerling.mentoren.all(),
            "informatie": informatie_voor_ouder(leerling),
        },
    )
