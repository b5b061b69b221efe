"""A TLV request's own pages: the queue, preparing and editing it, its page, its letter
and documents."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.invoer import herstel
from accounts.models import Toegangslog
from accounts.uploads import bijlage_response
from accounts.zoeken import scholen_van
from arrangeren.route.views.common import traject_voor
from arrangeren.tlv import brief, services
from arrangeren.tlv import queries as queries_tlv
from arrangeren.tlv.forms import (
    AanvraagForm,
    BesluitForm,
    BezwaarForm,
    BezwaarUitkomstForm,
    BijlageForm,
    NotitieForm,
    ToewijzenForm,
    adviesforms,
)
from arrangeren.tlv.models import TlvAanvraag, TlvBijlage
from arrangeren.tlv.permissions import is_swv, mag_tlv_aanvragen
from arrangeren.tlv.views.common import SCHOOL, aanvraag_voor, log
from arrangeren.tlv.zoeken import TlvZoekForm


@login_required
@require_http_methods(["GET", "POST"])
def tlv_lijst(request: HttpRequest) -> HttpResponse:
    """The requests within reach; searched by name and filtered by POST (accounts/zoeken.py)."""
    vandaag = timezone.localdate()
    scholen = scholen_van(queries_tlv.zichtbare_aanvragen(request.user), "school")
    form = TlvZoekForm(request.POST or None, scholen=scholen)
    rij = queries_tlv.wachtrij(request.user, vandaag, request.POST.get("pagina"), zoek=form.zoek)
    zoeken = "TLV-aanvragen zoeken" if form.term() else "TLV-aanvragen"
    log(request, rij.leerlingen, Toegangslog.Actie.ZOEKEN, zoeken)
    te_laat = {a.pk for a in rij.lopend if queries_tlv.is_te_laat(a, vandaag)}
    return render(
        request,
        "arrangeren/tlv/lijst.html",
        {"rij": rij, "te_laat": te_laat, "swv": is_swv(request.user), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def tlv_nieuw(request: HttpRequest, uuid: UUID) -> HttpResponse:
    traject, _ = traject_voor(
        request,
        uuid,
        "TLV-aanvraag voorbereiden",
        mag=lambda r: mag_tlv_aanvragen(request.user, r.traject.leerling),
    )
    form = AanvraagForm(request.POST or None, initial=services.voorstel(traject))
    if request.method == "POST" and form.is_valid():
        try:
            aanvraag = services.start_aanvraag(traject, form.service_data(), door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request, "De aanvraag is aangemaakt. Vul de adviezen van de deskundigen aan."
            )
            return redirect("arrangeren:tlv_bewerken", aanvraag.uuid)
    opp = queries_tlv.laatste_vastgestelde_opp(traject.leerling)
    return render(
        request, "arrangeren/tlv/nieuw.html", {"traject": traject, "form": form, "opp": opp}
    )


@login_required
@require_http_methods(["GET", "POST"])
def tlv_bewerken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag, _ = aanvraag_voor(request, uuid, "TLV-aanvraag bewerken", mag=SCHOOL)
    if not aanvraag.bewerkbaar:
        messages.info(request, "De aanvraag ligt bij het SWV en is niet te wijzigen.")
        return redirect("arrangeren:tlv_detail", aanvraag.uuid)
    form = AanvraagForm(request.POST or None, instance=aanvraag)
    adviezen = adviesforms(aanvraag, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and all(f.is_valid() for f in adviezen.values())
    ):
        try:
            services.bewaar_aanvraag(
                aanvraag,
                form.service_data(),
                {rang: f.service_data() for rang, f in adviezen.items()},
                door=request.user,
                versie=form.cleaned_data.get("versie"),
            )
        except ValidationError as fout:
            form.meld_fout(fout, aanvraag.versie)
        else:
            messages.success(request, "De aanvraag is opgeslagen.")
            return redirect("arrangeren:tlv_detail", aanvraag.uuid)
    return render(
        request,
        "arrangeren/tlv/bewerken.html",
        {
            "aanvraag": aanvraag,
            "form": form,
            "adviesforms": list(adviezen.values()),
            "opp": queries_tlv.laatste_vastgestelde_opp(aanvraag.leerling),
        },
    )


def _formulieren(
    request: HttpRequest, aanvraag: TlvAanvraag, mag: queries_tlv.Mogelijkheden
) -> dict:
    """The action forms the request's page shows (None where the action is not on offer);
    one whose post just failed shows again with its errors (accounts/invoer.py)."""
    bij = aanvraag.uuid
    toewijzen = ToewijzenForm(swv_id=aanvraag.swv_id) if mag.toewijzen else None
    return {
        "besluit_form": herstel(request, BesluitForm(), bij=bij) if mag.beslissen else None,
        # Asking for more and extending the term each have a `notitie`: ids of their own
        # keep the page's ids unique.
        "aanvulling_form": herstel(
            request, NotitieForm(auto_id="aanvulling_%s"), bij=f"{bij}:aanvulling"
        )
        if "aanvulling_vragen" in mag.swv_acties
        else None,
        "verlengen_form": herstel(
            request, NotitieForm(auto_id="verlengen_%s"), bij=f"{bij}:verlengen"
        )
        if mag.verlengen
        else None,
        "toewijzen_form": herstel(request, toewijzen, bij=bij) if toewijzen else None,
        "bijlage_form": BijlageForm() if mag.indienen else None,
        "bezwaar_form": herstel(request, BezwaarForm(), bij=bij) if mag.bezwaar else None,
        "uitkomst_form": BezwaarUitkomstForm() if mag.bezwaaruitkomst else None,
    }


@login_required
@require_GET
def tlv_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanvraag, rechten = aanvraag_voor(request, uuid, "TLV-aanvraag")
    punten = queries_tlv.checklist(aanvraag)
    mag = queries_tlv.mogelijkheden(aanvraag, rechten)
    adviezen = list(aanvraag.adviezen.all())
    return render(
        request,
        "arrangeren/tlv/detail.html",
        {
            "aanvraag": aanvraag,
            "rechten": rechten,
            "punten": punten,
            "volledig": all(p.ok for p in punten),
            "adviezen": adviezen,
            "afwijking": queries_tlv.afwijking(aanvraag, adviezen),
            "bijlagen": list(aanvraag.bijlagen.all()),
            "gebeurtenissen": list(aanvraag.gebeurtenissen.select_related("door")),
            "bezwaren": list(aanvraag.bezwaren.all()),
            "tlv": getattr(aanvraag, "tlv", None),
            "swv_acties": mag.swv_acties,
            "kan_indienen": mag.indienen,
            "kan_verlengen": mag.verlengen,
            **_formulieren(request, aanvraag, mag),
        },
    )


@login_required
@require_GET
def tlv_besluit(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The decision letter: for school, SWV and parents, once decided."""
    aanvraag, _ = aanvraag_voor(
        request, uuid, "TLV: besluitbrief", actie=Toegangslog.Actie.AFDRUKKEN
    )
    if not aanvraag.is_besloten:
        raise Http404("Er is nog geen besluit.")
    response = HttpResponse(brief.render_pdf(aanvraag), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="besluit-tlv.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def tlv_bijlage(request: HttpRequest, uuid: UUID) -> HttpResponse:
    bijlage = TlvBijlage.objects.select_related("aanvraag").filter(uuid=uuid).first()
    if bijlage is None:
        raise Http404("Niet gevonden.")
    aanvraag_voor(
        request,
        bijlage.aanvraag.uuid,
        "TLV-aanvraag: bijlage",
        mag=lambda r: r.school or r.swv or r.ouder,
        actie=Toegangslog.Actie.EXPORTEREN,
    )
    return bijlage_response(bijlage.bestand, bijlage.bestandsnaam, bijlage.mimetype)
