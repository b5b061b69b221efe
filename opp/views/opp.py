"""Reading the OPP: opening it from the pupil, the page, versions side by side, PDF, files."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import invoer
from accounts.forms import getal
from accounts.meldingen import meld_fout
from accounts.models import Gezag, Informatiesoort, Leerling, Toegangslog, Toestemming
from accounts.permissions import get_object_for_user
from accounts.schoolcontacten import hulpverlening_verantwoordelijken
from accounts.services import log_toegang
from accounts.toestemming import Toestemmingen
from accounts.uploads import bijlage_response
from opp import organisaties, services
from opp.forms import (
    BijlageForm,
    CodeSturenForm,
    DoelForm,
    InzetToevoegenForm,
    NietAkkoordForm,
    OndertekenForm,
    OppevaluatieForm,
    VersturenForm,
    VisieOudersForm,
)
from opp.inhoud import canoniek, sha256
from opp.models import Gezinsplan, Inzet, Ondertekening, Opp, OppBijlage, OppDoel
from opp.permissions import OppRechten, gezinsplan_gedeeld, rechten_voor

from .common import opp_voor
from .ondertekening import CODE_GESTUURD, met_authenticator


@login_required
@require_http_methods(["GET", "POST"])
def leerling_opp(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The pupil's OPP: the newest version the user may read, or drafting a first one."""
    leerling = get_object_for_user(
        request.user, Leerling.objects.select_related("school"), uuid=uuid
    )
    bestaand = services.te_openen(request.user, leerling)
    if bestaand is not None and rechten_voor(request.user, bestaand).lezen:
        return redirect("opp:opp_detail", bestaand.uuid)
    # An OPP this user may not read answers as if there were none: 404, unless they may
    # draft the first one (docs/rollen.md: outside reach is 404, existence not revealed).
    if bestaand is not None or not rechten_voor(request.user, Opp(leerling=leerling)).bewerken:
        raise Http404("Niet gevonden.")
    log_toegang(request, leerling, Toegangslog.Actie.BEKIJKEN, "OPP opstellen")
    if request.method == "POST":
        try:
            opp = services.maak_opp(leerling, door=request.user)
        except ValidationError as fout:
            meld_fout(request, fout)
        else:
            messages.success(request, "Het OPP is aangemaakt als concept.")
            return redirect("opp:opp_bewerken", opp.uuid)
    return render(request, "opp/nieuw.html", {"leerling": leerling})


def _tekenformulieren(
    request: HttpRequest, mijn: Ondertekening | None, huidige_hash: str
) -> dict[str, BaseForm | None]:
    if mijn is None:
        return {"onderteken_form": None, "niet_akkoord_form": None, "code_form": None}
    initial = {"ondertekening": mijn.pk, "inhoud_hash": huidige_hash}
    # Just asked for a code: the form has the code chosen.
    code_gestuurd = request.session.get(CODE_GESTUURD) == mijn.pk
    # A form whose post just failed shows again with its errors (accounts/invoer.py).
    return {
        "onderteken_form": invoer.herstel(
            request,
            OndertekenForm(
                initial=initial
                | ({"methode": Ondertekening.Methode.EMAILCODE} if code_gestuurd else {}),
                authenticator=met_authenticator(request),
            ),
            bij=mijn.opp_id,
        ),
        "code_form": CodeSturenForm(initial={"ondertekening": mijn.pk}),
        "niet_akkoord_form": invoer.herstel(
            request, NietAkkoordForm(initial=initial, prefix="na"), bij=mijn.opp_id
        ),
    }


def _bewerkformulieren(
    request: HttpRequest,
    opp: Opp,
    rechten: OppRechten,
    ondertekeningen: list[Ondertekening],
    gezagen: Callable[[], list[Gezag]],
) -> dict[str, BaseForm | None]:
    bewerkbaar = rechten.bewerken and opp.bewerkbaar
    ter_ondertekening = opp.status == Opp.Status.TER_ONDERTEKENING
    visie = request.session.pop("opp_visie_concept", None) or opp.visie_ouders
    verstuur = rechten.bewerken and opp.status == Opp.Status.CONCEPT
    toegang = (
        rechten.bewerken and ter_ondertekening and not services.toegang_gevraagd(ondertekeningen)
    )
    toestemmingen = (
        # The pupil's custody rows are read once for the page (also for who still signs).
        Toestemmingen.uit(
            opp.leerling, Toestemming.objects.filter(leerling=opp.leerling), gezagen()
        )
        if verstuur or toegang
        else None
    )
    return {
        # A form whose post just failed shows again with its errors (accounts/invoer.py).
        "visie_form": invoer.herstel(
            request,
            VisieOudersForm(initial={"visie_ouders": visie, "bewerkingen": opp.bewerkingen}),
            bij=opp.pk,
        )
        if rechten.ouder_met_gezag and opp.bewerkbaar
        else None,
        "doel_form": invoer.herstel(request, DoelForm(), bij=opp.pk) if bewerkbaar else None,
        "versturen_form": VersturenForm(opp=opp, toestemmingen=toestemmingen) if verstuur else None,
        "toegang_form": VersturenForm(opp=opp, toestemmingen=toestemmingen) if toegang else None,
        "bijlage_form": BijlageForm() if bewerkbaar else None,
        # The version in force is evaluated with the parents (at least yearly).
        "oppevaluatie_form": invoer.herstel(
            request,
            OppevaluatieForm(prefix="oppevaluatie", initial={"datum": timezone.localdate()}),
            bij=opp.pk,
        )
        if rechten.bewerken and opp.status == Opp.Status.VASTGESTELD
        else None,
    }


def _eenmaal(lezen: Callable[[], list]) -> Callable[[], list]:
    """Read on first use, then the same rows."""
    gelezen: list[list] = []

    def rijen() -> list:
        if not gelezen:
            gelezen.append(lezen())
        return gelezen[0]

    return rijen


def _inzetformulier(request: HttpRequest, opp: Opp, doelen: list[OppDoel]) -> dict[str, Any]:
    """The one add-inzet form: the involved organisations, and those found by the search
    above it (`?organisatie=` without JavaScript; with it, `organisaties_zoeken`)."""
    zoekterm = invoer.zoekterm(request.GET, "organisatie")
    gevonden = organisaties.zoek(zoekterm)
    return {
        "inzet_form": invoer.herstel(
            request,
            InzetToevoegenForm(
                opp=opp,
                doelen=doelen,
                betrokken=organisaties.betrokken(opp, doelen),
                gevonden=gevonden,
            ),
            bij=opp.pk,
        ),
        "organisatie_zoekterm": zoekterm,
        "zoekstatus": organisaties.zoekstatus(zoekterm, gevonden) if zoekterm else "",
    }


def _context(request: HttpRequest, opp: Opp, rechten: OppRechten) -> dict[str, Any]:
    doelen = list(
        opp.doelen.prefetch_related(Prefetch("inzet", Inzet.objects.select_related("organisatie")))
    )
    ondertekeningen = list(opp.ondertekeningen.select_related("ondertekenaar", "namens"))
    # The canonical content once per page, of exactly the goals the page shows; every
    # signature is checked against it.
    inhoud = canoniek(opp, doelen)
    huidige_hash = sha256(inhoud)
    mijn = services.open_verzoek(ondertekeningen, request.user)
    bewerkbaar = rechten.bewerken and opp.bewerkbaar
    gezagen = _eenmaal(
        lambda: list(Gezag.objects.filter(leerling=opp.leerling).select_related("ouder"))
    )
    return {
        "opp": opp,
        "rechten": rechten,
        "doelen": doelen,
        "bewerkbaar": bewerkbaar,
        # The goals' evaluation is no part of what is signed: also on the version in force.
        "evalueerbaar": rechten.bewerken and opp.status != Opp.Status.VERVANGEN,
        # Only an agreed version is evaluated (opp/services/evaluatie.py).
        "evaluaties": list(opp.evaluaties.select_related("door"))
        if opp.status in (Opp.Status.VASTGESTELD, Opp.Status.VERVANGEN)
        else [],
        "ondertekeningen": [
            (o, services.verifieer(o, inhoud) if o.inhoud_hash else None) for o in ondertekeningen
        ],
        "mijn_verzoek": mijn,
        "huidige_hash": huidige_hash,
        **_tekenformulieren(request, mijn, huidige_hash),
        **_bewerkformulieren(request, opp, rechten, ondertekeningen, gezagen),
        **(_inzetformulier(request, opp, doelen) if bewerkbaar and doelen else {}),
        **gezinsplan_context(request, opp, bijlagen := list(opp.bijlagen.all()), gezagen),
        "bijlagen": bijlagen,
        "ontbreekt": services.ontbrekende_ondertekenaars(
            opp,
            ondertekeningen=ondertekeningen,
            doelen=doelen,
            huidige_hash=huidige_hash,
            gezagen=gezagen(),
        )
        if opp.status == Opp.Status.TER_ONDERTEKENING
        else [],
        "versies": services.zichtbare_versies(opp, rechten),
        "hulpverlening_door": hulpverlening_verantwoordelijken(opp.school),
        "Status": Opp.Status,
        "Ondertekenstatus": Ondertekening.Status,
    }


def gezinsplan_context(
    request: HttpRequest,
    opp: Opp,
    bijlagen: list[OppBijlage],
    gezagen: Callable[[], list[Gezag]] | None = None,
) -> dict:
    """The pupil's running gezinsplan (who holds regie shows to every reader of the OPP:
    it is an agreement of the handelingsdeel) and whether its content and the OPP's
    gezinsplan attachments are shared with this user (the parents' consent: its rows of
    that kind, with the custody rows the page reads anyway)."""
    plan = (
        Gezinsplan.objects.lopend()
        .filter(leerling=opp.leerling)
        .select_related("regievoerder", "organisatie")
        .first()
    )

    def toestemmingen() -> Toestemmingen:
        rijen = Toestemming.objects.filter(leerling=opp.leerling, soort=Informatiesoort.GEZINSPLAN)
        gezag = gezagen() if gezagen else Gezag.objects.filter(leerling=opp.leerling)
        return Toestemmingen.uit(opp.leerling, rijen, gezag)

    gedeeld = (plan is not None or any(b.is_gezinsplan for b in bijlagen)) and gezinsplan_gedeeld(
        request.user,
        opp.leerling,
        eigenaar_id=plan.organisatie_id if plan else None,
        gelezen=toestemmingen,
    )
    return {"gezinsplan": plan, "gezinsplan_gedeeld": gedeeld}


@login_required
@require_GET
def opp_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, rechten = opp_voor(request, uuid, "OPP")
    return render(request, "opp/detail.html", _context(request, opp, rechten))


@login_required
@require_GET
def organisaties_zoeken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Organisations by name for the add-inzet form (htmx fills its list in place).

    Only for whoever edits this OPP (else 404). It answers with organisation names only,
    nothing about the pupil, so it writes no access-log row.
    """
    opp = Opp.objects.for_user(request.user).select_related("leerling").filter(uuid=uuid).first()
    if opp is None or not rechten_voor(request.user, opp).bewerken:
        raise Http404("Niet gevonden.")
    zoekterm = invoer.zoekterm(request.GET, "organisatie")
    gevonden = organisaties.zoek(zoekterm)
    return render(
        request,
        "opp/_organisaties_gevonden.html",
        {"gevonden": gevonden, "zoekstatus": organisaties.zoekstatus(zoekterm, gevonden)},
    )


@login_required
@require_GET
def opp_vergelijken(request: HttpRequest, uuid: UUID) -> HttpResponse:
    opp, _rechten = opp_voor(request, uuid, "OPP: versies vergelijken")
    andere = Opp.objects.filter(
        leerling=opp.leerling, versie=getal(request.GET.get("met"), opp.versie - 1)
    ).first()
    # A version this user may not read answers like a missing one (docs/rollen.md).
    if andere is None or andere.pk == opp.pk or not rechten_voor(request.user, andere).lezen:
        return render(request, "opp/vergelijken.html", {"opp": opp, "geen_andere": True})
    oud, nieuw = sorted([andere, opp], key=lambda o: o.versie)
    return render(
        request,
        "opp/vergelijken.html",
        {"opp": opp, "oud": oud, "nieuw": nieuw, "verschillen": services.vergelijk(oud, nieuw)},
    )


@login_required
@require_GET
def opp_pdf(request: HttpRequest, uuid: UUID) -> HttpResponse:
    from opp.pdf import render_pdf

    opp, _ = opp_voor(request, uuid, "OPP (pdf)", actie=Toegangslog.Actie.AFDRUKKEN)
    bijlagen = list(opp.bijlagen.all())
    response = HttpResponse(
        render_pdf(opp, bijlagen=bijlagen, **gezinsplan_context(request, opp, bijlagen)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="opp-versie-{opp.versie}.pdf"'
    return response


@login_required
@require_GET
def bijlage_downloaden(request: HttpRequest, uuid: UUID) -> HttpResponse:
    bijlage = OppBijlage.objects.select_related("opp__leerling").filter(uuid=uuid).first()
    if bijlage is None:
        raise Http404("Niet gevonden.")
    # The gezinsplan only with the parents' consent to share it (docs/opp.md, "Gezinsplan").
    opp_voor(
        request,
        bijlage.opp.uuid,
        "OPP: bijlage",
        actie=Toegangslog.Actie.EXPORTEREN,
        mag=lambda _rechten: (
            not bijlage.is_gezinsplan
            or gezinsplan_gedeeld(
                request.user, bijlage.opp.leerling, eigenaar_id=_eigenaar(bijlage)
            )
        ),
    )
    return bijlage_response(bijlage.bestand, bijlage.bestandsnaam, bijlage.mimetype)


def _eigenaar(bijlage: OppBijlage) -> int | None:
    """The organisation of the pupil's running gezinsplan: it reads its own plan."""
    plan = Gezinsplan.objects.lopend().filter(leerling_id=bijlage.opp.leerling_id).first()
    return plan.organisatie_id if plan else None


@login_required
@require_POST
def onbekende_actie(request: HttpRequest, uuid: UUID, actie: str) -> HttpResponse:
    """Every action on the OPP has its own URL; any other word after the OPP is not found.

    Kept under the old name `opp:opp_actie`, so `{% url 'opp:opp_actie' uuid 'versturen' %}`
    still gives the action's own address (the specific paths come first in urls.py).
    """
    raise Http404("Niet gevonden.")
