from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET, require_http_methods

from accounts.forms import ToegangslogZoekForm
from accounts.models import Toegangslog
from accounts.models.toegangslog import Logzoekvraag
from accounts.permissions import can_search_toegangslog
from accounts.rollen import OUDER_LABEL
from accounts.services import log_zoekvraag

PER_PAGINA = 50
# Counting a million log rows costs more than the page: beyond this the page says "more
# than" and the beheerder narrows the search (200 pages of 50 stay reachable).
MAX_TELLEN = 10_000


class BegrensdePaginator(Paginator):
    """Counts at most MAX_TELLEN + 1 rows (a COUNT over a LIMIT subquery)."""

    @cached_property
    def count(self) -> int:
        return self.object_list[: MAX_TELLEN + 1].count()

    @property
    def begrensd(self) -> bool:
        return self.count > MAX_TELLEN


@login_required
@require_http_methods(["GET", "POST"])
def toegangslog(request: HttpRequest) -> HttpResponse:
    """The beheerder searches the access log (NEN 7513). Filters come by POST."""
    if not can_search_toegangslog(request.user):
        raise Http404  # outside the role, like every other page (docs/rollen.md)
    form = ToegangslogZoekForm(request.POST or None)
    regels = Toegangslog.objects.select_related("gebruiker", "organisatie").annotate(
        leerling_kenmerk=F("leerling__uuid")
    )
    gezocht = not form.is_bound or form.is_valid()
    if not gezocht:
        regels = regels.none()  # show the error, not an unfiltered log
    elif form.is_bound:
        regels = _gefilterd(regels, form.cleaned_data)
    pagina = BegrensdePaginator(regels, PER_PAGINA).get_page(request.POST.get("pagina"))
    if gezocht:
        # Looking into the log is logged too (NEN 7513), filters in the audit trail only.
        log_zoekvraag(request, form.cleaned_data if form.is_bound else {}, pagina.number)
    return render(
        request,
        "beheer/toegangslog.html",
        {
            "form": form,
            "pagina": pagina,
            "ouder_label": OUDER_LABEL,
            "max_tellen": f"{MAX_TELLEN:,}".replace(",", "."),
        },
    )


@login_required
@require_GET
def toegangslog_zoekvragen(request: HttpRequest) -> HttpResponse:
    """Who searched the access log, when and for what: for the region's beheerders, who
    may search it themselves (docs/beheer.md, "The access log")."""
    if not can_search_toegangslog(request.user):
        raise Http404
    vragen = Logzoekvraag.objects.select_related("gebruiker")
    pagina = Paginator(vragen, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(request, "beheer/toegangslog_zoekvragen.html", {"pagina": pagina})


def _gefilterd(regels: QuerySet[Toegangslog], data: dict) -> QuerySet[Toegangslog]:
    if data["gebruiker"]:
        # Staff only: a parent found by name would name her child's kenmerk
        # (docs/beheer.md, "The access log").
        regels = regels.filter(
            Q(gebruiker__email__icontains=data["gebruiker"])
            | Q(gebruiker__naam__icontains=data["gebruiker"])
        ).exclude(rol=OUDER_LABEL)
    if data["leerling"]:
        # By kenmerk only: the log names no pupil to the region's beheerder.
        regels = regels.filter(leerling__uuid__startswith=data["leerling"])
    if data["actie"]:
        regels = regels.filter(actie=data["actie"])
    if data["vanaf"]:
        regels = regels.filter(tijdstip__date__gte=data["vanaf"])
    if data["tot_en_met"]:
        regels = regels.filter(tijdstip__date__lte=data["tot_en_met"])
    return regels
