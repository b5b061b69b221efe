from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import getal
from accounts.models import Leerling, Toegangslog
from accounts.permissions import get_object_for_user
from accounts.services import client_ip, log_toegang
from accounts.uploads import bijlage_response
from opp import services
from opp.forms import (
    BijlageForm,
    DoelForm,
    InzetForm,
    NietAkkoordForm,
    OndertekenForm,
    OppForm,
    VersturenForm,
    VisieOudersForm,
)
from opp.inhoud import canoniek, secties, sha256, verschillen
from opp.models import Inzet, Ondertekening, Opp, OppBijlage, OppDoel
from opp.permissions import VASTGESTELD, rechten_voor

from .common import opp_voor


def meld(request, fout) -> None:
    for bericht in getattr(fout, "messages", None) or [str(fout)]:
        messages.error(request, bericht)


@login_required
@require_http_methods(["GET", "POST"])
def leerling_opp(request, uuid):
    """The pupil's OPP: the newest version the user may read, or drafting a first one."""
    leerling = get_object_for_user(
        request.user, Leerling.objects.select_related("school"), uuid=uuid
    )
    opps = list(Opp.objects.filter(leerling=leerling).order_by("-versie"))
    if opps:
        return redirect("opp:opp_detail", opps[0].uuid)
    # The pupil moved on and the OPP went along: the old school reads the versions it
    # fixed itself (docs/overstap.md).
    eigen = (
        Opp.objects.for_user(request.user)
        .filter(leerling__vorige=leerling, school_id=leerling.school_id)
        .order_by("-versie")
        .first()
    )
    if eigen is not None:
        return redirect("opp:opp_detail", eigen.uuid)
    probe = Opp(leerling=leerling)
    rechten = rechten_voor(request.user, probe)
    if not rechten.bewerken:
        raise Http404("Niet gevonden.")
    log_toegang(request, leerling, Toegangslog.Actie.BEKIJKEN, "OPP opstellen")
    if request.method == "POST":
        try:
            opp = services.maak_opp(leerling, door=request.user)
        except ValidationError as fout:
            meld(request, fout)
        else:
            messages.success(request, "Het OPP is aangemaakt als concept.")
            return redirect("opp:opp_bewerken", opp.uuid)
    return render(request, "opp/nieuw.html", {"leerling": leerling})


def _context(request, opp, rechten):
    doelen = list(opp.doelen.prefetch_related("inzet__organisatie"))
    ondertekeningen = list(opp.ondertekeningen.select_related("ondertekenaar", "namens"))
    huidige_hash = sha256(canoniek(opp, doelen))  # exactly the goals the page shows
    mijn = next(
        (
            o
            for o in ondertekeningen
            if o.ondertekenaar_id == request.user.pk and o.status == Ondertekening.Status.GEVRAAGD
        ),
        None,
    )
    versies = Opp.objects.filter(leerling=opp.leerling).order_by("-versie")
    if rechten.vorige_school:
        versies = versies.filter(school_id=opp.school_id, status__in=VASTGESTELD)
    versies = list(versies)
    return {
        "opp": opp,
        "rechten": rechten,
        "doelen": [
            (d, InzetForm(prefix=f"doel{d.pk}") if rechten.bewerken and opp.bewerkbaar else None)
            for d in doelen
        ],
        "ondertekeningen": [
            (o, services.verifieer(o) if o.inhoud_hash else None) for o in ondertekeningen
        ],
        "mijn_verzoek": mijn,
        "huidige_hash": huidige_hash,
        "onderteken_form": OndertekenForm(
            initial={"ondertekening": mijn.pk, "inhoud_hash": huidige_hash}
        )
        if mijn
        else None,
        "niet_akkoord_form": NietAkkoordForm(
            initial={"ondertekening": mijn.pk, "inhoud_hash": huidige_hash}, prefix="na"
        )
        if mijn
        else None,
        "visie_form": VisieOudersForm(
            initial={
                "visie_ouders": request.session.pop("opp_visie_concept", None) or opp.visie_ouders,
                "bewerkingen": opp.bewerkingen,
            }
        )
        if rechten.ouder_met_gezag and opp.bewerkbaar
        else None,
        "doel_form": DoelForm() if rechten.bewerken and opp.bewerkbaar else None,
        "versturen_form": VersturenForm(opp=opp)
        if rechten.bewerken and opp.status == Opp.Status.CONCEPT
        else None,
        "toegang_form": VersturenForm(opp=opp)
        if rechten.bewerken
        and opp.status == Opp.Status.TER_ONDERTEKENING
        and not any(
            o.partij == Ondertekening.Partij.TOEGANG and o.status != Ondertekening.Status.VERVALLEN
            for o in ondertekeningen
        )
        else None,
        "bijlage_form": BijlageForm() if rechten.bewerken and opp.bewerkbaar else None,
        "bijlagen": list(opp.bijlagen.all()),
        "ontbreekt": services.ontbrekende_ondertekenaars(opp)
        if opp.status == Opp.Status.TER_ONDERTEKENING
        else [],
        "versies": versies,
        "Status": Opp.Status,
        "Ondertekenstatus": Ondertekening.Status,
    }


@login_required
def opp_detail(request, uuid):
    opp, rechten = opp_voor(request, uuid, "OPP")
    return render(request, "opp/detail.html", _context(request, opp, rechten))


@login_required
@require_http_methods(["GET", "POST"])
def opp_bewerken(request, uuid):
    opp, _rechten = opp_voor(request, uuid, "OPP bewerken", bewerken=True)
    if not opp.bewerkbaar:
        messages.error(
            request, "Deze versie is vastgesteld. Maak een nieuwe versie om iets aan te passen."
        )
        return redirect("opp:opp_detail", opp.uuid)
    form = OppForm(request.POST or None, instance=opp)
    if request.method == "POST" and form.is_valid():
        velden = {naam: form.cleaned_data[naam] for naam in services.OPP_VELDEN}
        try:
            services.bewaar_opp(
                opp, velden, door=request.user, bewerkingen=form.cleaned_data["bewerkingen"]
            )
        except services.Oppconflict as fout:
            return _conflict(request, opp, form, fout)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "Het OPP is opgeslagen.")
            return redirect("opp:opp_detail", opp.uuid)
    return render(request, "opp/bewerken.html", {"opp": opp, "form": form})


def _conflict(request, opp, form, fout):
    """Show what changed since this user opened the form; keep what they typed."""
    opp.refresh_from_db()
    gezien = opp.history.filter(bewerkingen=fout.gezien).order_by("-history_date").first()
    nu = dict(secties(opp))
    toen = dict(secties(gezien.instance)) if gezien else {}
    # Goals are rows of their own: compare the OPP's own fields only.
    velden = {k: v for k, v in nu.items() if not k.startswith("Doel ")}
    eerder = {k: v for k, v in toen.items() if not k.startswith("Doel ")}
    # Three-way merge: fields this user did not change take the saved value, so saving
    # again never undoes someone else's work; fields both changed keep this user's text.
    form.data = form.data.copy()
    basis = gezien.instance if gezien else opp
    for naam in services.OPP_VELDEN:
        ingestuurd = form.cleaned_data.get(naam) if hasattr(form, "cleaned_data") else None
        if ingestuurd == getattr(basis, naam):
            waarde = getattr(opp, naam)
            form.data[naam] = waarde.isoformat() if hasattr(waarde, "isoformat") else waarde or ""
    form.data["bewerkingen"] = opp.bewerkingen
    form.add_error(None, fout)
    return render(
        request,
        "opp/bewerken.html",
        {"opp": opp, "form": form, "conflict": verschillen(eerder, velden)},
        status=409,
    )


@login_required
@require_POST
def opp_actie(request, uuid, actie):
    if actie not in {
        "doel_toevoegen",
        "doel_verwijderen",
        "inzet_toevoegen",
        "inzet_verwijderen",
        "versturen",
        "nieuwe_versie",
        "bijlage",
        "evaluatie",
        "toegang_toevoegen",
        "verzoek_intrekken",
        "opnieuw_vragen",
        "ouders_vragen",
    }:
        raise Http404("Niet gevonden.")
    opp, _ = opp_voor(request, uuid, "OPP bewerken", bewerken=True)
    post, user = request.POST, request.user
    try:
        if actie == "doel_toevoegen":
            form = DoelForm(post)
            if not form.is_valid():
                raise ValidationError("Kies een domein en een soort en beschrijf het doel.")
            services.voeg_doel_toe(opp, door=user, **form.cleaned_data)
            messages.success(request, "Het doel is toegevoegd.")
        elif actie == "doel_verwijderen":
            doel = OppDoel.objects.filter(opp=opp, pk=getal(post.get("doel"))).first()
            if doel is None:
                raise ValidationError("Dit doel bestaat niet (meer).")
            services.verwijder_doel(doel, door=user)
            messages.success(request, "Het doel is verwijderd.")
        elif actie in ("verzoek_intrekken", "opnieuw_vragen"):
            verzoek = Ondertekening.objects.filter(
                opp=opp, pk=getal(post.get("ondertekening"))
            ).first()
            if verzoek is None:
                raise ValidationError("Dit verzoek bestaat niet (meer).")
            if actie == "verzoek_intrekken":
                services.trek_verzoek_in(verzoek, door=user)
                messages.success(request, "Het verzoek is ingetrokken.")
            else:
                services.vraag_opnieuw(verzoek, door=user)
                messages.success(request, f"{verzoek.ondertekenaar.naam} is opnieuw gevraagd.")
        elif actie == "ouders_vragen":
            nieuw = services.vraag_ontbrekende_ouders(opp, door=user)
            messages.success(request, f"{len(nieuw)} ouder(s) gevraagd te tekenen.")
        elif actie == "toegang_toevoegen":
            form = VersturenForm(post, opp=opp)
            if not form.is_valid() or form.cleaned_data["toegang"] is None:
                raise ValidationError("Kies de medewerker toegang uit de lijst.")
            verzoek = services.voeg_toegang_toe(opp, form.cleaned_data["toegang"], door=user)
            messages.success(request, f"{verzoek.ondertekenaar.naam} is gevraagd te tekenen.")
        elif actie == "evaluatie":
            doel = OppDoel.objects.filter(opp=opp, pk=getal(post.get("doel"))).first()
            if doel is None:
                raise ValidationError("Dit doel bestaat niet (meer).")
            services.bewaar_evaluatie(doel, post.get("evaluatie", ""), door=user)
            messages.success(request, "De evaluatie van het doel is opgeslagen.")
        elif actie == "inzet_toevoegen":
            doel = OppDoel.objects.filter(opp=opp, pk=getal(post.get("doel"))).first()
            if doel is None:
                raise ValidationError("Dit doel bestaat niet (meer).")
            form = InzetForm(post, prefix=f"doel{doel.pk}")
            if not form.is_valid():
                fouten = [f"{form.fields[v].label}: {' '.join(e)}" for v, e in form.errors.items()]
                raise ValidationError(["De inzet is niet toegevoegd.", *fouten])
            services.voeg_inzet_toe(doel, door=user, **form.cleaned_data)
            messages.success(request, "De inzet is toegevoegd.")
        elif actie == "inzet_verwijderen":
            inzet = Inzet.objects.filter(doel__opp=opp, pk=getal(post.get("inzet"))).first()
            if inzet is None:
                raise ValidationError("Deze inzet bestaat niet (meer).")
            services.verwijder_inzet(inzet, door=user)
            messages.success(request, "De inzet is verwijderd.")
        elif actie == "versturen":
            form = VersturenForm(post, opp=opp)
            if not form.is_valid():
                raise ValidationError("Kies de medewerker toegang uit de lijst.")
            services.verstuur_ter_ondertekening(
                opp,
                door=user,
                toegang=form.cleaned_data["toegang"],
                bewerkingen=form.cleaned_data["bewerkingen"],
            )
            messages.success(request, "Het handelingsdeel is ter ondertekening verstuurd.")
        elif actie == "nieuwe_versie":
            nieuw = services.nieuwe_versie(opp, door=user, reden=post.get("reden", ""))
            messages.success(request, f"Versie {nieuw.versie} is aangemaakt als concept.")
            return redirect("opp:opp_detail", nieuw.uuid)
        elif actie == "bijlage":
            form = BijlageForm(post, request.FILES)
            if not form.is_valid():
                raise ValidationError("Kies een bestand.")
            services.voeg_bijlage_toe(
                opp,
                form.cleaned_data["titel"],
                form.cleaned_data["bestand"],
                door=user,
                is_gezinsplan=form.cleaned_data["is_gezinsplan"],
            )
            messages.success(request, "De bijlage is toegevoegd.")
    except services.Oppconflict:
        messages.error(
            request,
            "Iemand anders heeft het OPP intussen gewijzigd. Bekijk de nieuwe stand en probeer "
            "opnieuw.",
        )
    except (ValidationError, PermissionDenied) as fout:
        meld(request, fout)
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def ondertekenen(request, uuid):
    opp, _ = opp_voor(request, uuid, "OPP ondertekenen")
    niet_akkoord = "reden" in request.POST or "na-reden" in request.POST
    form = (
        NietAkkoordForm(request.POST, prefix="na") if niet_akkoord else OndertekenForm(request.POST)
    )
    if not form.is_valid():
        fouten = [e for lijst in form.errors.values() for e in lijst]
        meld(request, ValidationError(fouten or ["Het formulier is niet compleet."]))
        return redirect("opp:opp_detail", opp.uuid)
    verzoek = Ondertekening.objects.filter(opp=opp, pk=form.cleaned_data["ondertekening"]).first()
    if verzoek is None:
        raise Http404("Niet gevonden.")
    apparaat = services.Apparaat(client_ip(request), request.META.get("HTTP_USER_AGENT", ""))
    try:
        if niet_akkoord:
            services.niet_akkoord(
                verzoek,
                door=request.user,
                getoonde_hash=form.cleaned_data["inhoud_hash"],
                reden=form.cleaned_data["reden"],
                apparaat=apparaat,
            )
            messages.success(
                request,
                "Uw antwoord “niet akkoord” is vastgelegd. De school neemt contact met u op.",
            )
        else:
            services.onderteken(
                verzoek,
                door=request.user,
                getoonde_hash=form.cleaned_data["inhoud_hash"],
                methode=form.cleaned_data["methode"],
                bewijs=form.cleaned_data["bewijs"],
                apparaat=apparaat,
                request=request,
            )
            messages.success(request, "U hebt het handelingsdeel ondertekend. Dank u wel.")
    except (ValidationError, PermissionDenied) as fout:
        meld(request, fout)
    return redirect("opp:opp_detail", opp.uuid)


@login_required
@require_POST
def visie_ouders(request, uuid):
    opp, _ = opp_voor(
        request, uuid, "OPP: visie ouders", mag=lambda rechten: rechten.ouder_met_gezag
    )
    form = VisieOudersForm(request.POST)
    if not form.is_valid():
        meld(request, ValidationError([e for lijst in form.errors.values() for e in lijst]))
        return redirect("opp:opp_detail", opp.uuid)
    try:
        services.bewaar_visie_ouders(
            opp,
            form.cleaned_data["visie_ouders"],
            door=request.user,
            bewerkingen=form.cleaned_data["bewerkingen"],
        )
    except services.Oppconflict:
        messages.error(
            request,
            "Het OPP is intussen gewijzigd. Uw tekst staat hieronder nog; kijk of hij nog klopt "
            "en sla opnieuw op.",
        )
        request.session["opp_visie_concept"] = form.cleaned_data["visie_ouders"][:5000]
    except (ValidationError, PermissionDenied) as fout:
        meld(request, fout)
    else:
        messages.success(request, "Uw visie is opgeslagen.")
    return redirect("opp:opp_detail", opp.uuid)


@login_required
def opp_vergelijken(request, uuid):
    opp, _rechten = opp_voor(request, uuid, "OPP: versies vergelijken")
    andere = Opp.objects.filter(
        leerling=opp.leerling, versie=getal(request.GET.get("met"), opp.versie - 1)
    ).first()
    if andere is None or andere.pk == opp.pk:
        return render(request, "opp/vergelijken.html", {"opp": opp, "geen_andere": True})
    if not rechten_voor(request.user, andere).lezen:
        raise Http404("Niet gevonden.")
    oud, nieuw = sorted([andere, opp], key=lambda o: o.versie)
    return render(
        request,
        "opp/vergelijken.html",
        {"opp": opp, "oud": oud, "nieuw": nieuw, "verschillen": services.vergelijk(oud, nieuw)},
    )


@login_required
def opp_pdf(request, uuid):
    from opp.pdf import render_pdf

    opp, _ = opp_voor(request, uuid, "OPP (pdf)", actie=Toegangslog.Actie.AFDRUKKEN)
    response = HttpResponse(render_pdf(opp), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="opp-versie-{opp.versie}.pdf"'
    return response


@login_required
def bijlage_downloaden(request, uuid):
    bijlage = OppBijlage.objects.select_related("opp").filter(uuid=uuid).first()
    if bijlage is None:
        raise Http404("Niet gevonden.")
    opp_voor(request, bijlage.opp.uuid, "OPP: bijlage", actie=Toegangslog.Actie.EXPORTEREN)
    return bijlage_response(bijlage.bestand, bijlage.bestandsnaam, bijlage.mimetype)
