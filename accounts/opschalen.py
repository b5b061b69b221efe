"""Escalating a case via one's own organisation: the ladder's rungs, the next rung, and
the service that sends and resolves an escalation (docs/rollen.md, "Opschalen").

*Regionale afspraken Duin- en Bollenstreek*: routekaart stap 7, "Wanneer de inzet niet tot
het gewenste resultaat leidt kan via de eigen organisatie worden opgeschaald."; Leidende
principes 3, "Als het niet lukt om tot een oplossing te komen, dan wordt opgeschaald via
een nog op te stellen escalatieladder". The regional ladder is still to be drawn up, so
each organisation keeps its own (`Escalatieniveau`), managed by its beheerder.

The rules, as data:
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import IntegerField, Max, Model, Prefetch, QuerySet, Value
from django.utils import timezone

from accounts.models import (
    Escalatieniveau,
    Leerling,
    Lidmaatschap,
    Opschaling,
    Organisatie,
    User,
)
from accounts.notificaties import notificeer
from accounts.permissions import Toegangsgrond


@dataclass(frozen=True)
class Regel:
    bron: str
    citaat: str
    regel: str


REGELS = (
    Regel(
        "Regionale afspraken Duin- en Bollenstreek, routekaart stap 7",
        "Wanneer de inzet niet tot het gewenste resultaat leidt kan via de eigen "
        "organisatie worden opgeschaald.",
        "Wie opschaalt, schaalt op naar het volgende niveau van de ladder van de eigen "
        "organisatie (de organisatie van de rol waarin hij werkt).",
    ),
    Regel(
        "Regionale afspraken Duin- en Bollenstreek, Leidende principes 3 en voetnoot 4",
        "Afspraken over naar welke functionaris wordt opgeschaald als professionals met "
        "integraal arrangeren niet komen tot een oplossing voor een jeugdige.",
        "Elk niveau noemt een functionaris en de personen die die functie hebben; een "
        "volgende opschaling van dezelfde zaak door dezelfde organisatie gaat een niveau "
        "hoger dan het hoogste niveau dat al bereikt is.",
    ),
)

REDEN_VERPLICHT = "Schrijf waarom u opschaalt: wat lukt er niet?"
AFSPRAAK_VERPLICHT = "Schrijf de afspraak op waarmee de opschaling is opgelost."


# The ladder -----------------------------------------------------------------------------


def ladder(organisatie: Organisatie | int) -> list[Escalatieniveau]:
    """The organisation's rungs from the bottom, with their active holders loaded."""
    return list(
        Escalatieniveau.objects.filter(organisatie=organisatie)
        .prefetch_related(Prefetch("houders", User.objects.filter(is_active=True).order_by("naam")))
        .order_by("niveau")
    )


def leden_van(organisatie: Organisatie) -> QuerySet:
    """Who may hold a rung: the active people with a role in the organisation."""
    return (
        User.objects.filter(
            is_active=True,
            pk__in=Lidmaatschap.objects.filter(organisatie=organisatie).values("user_id"),
        )
        .distinct()
        .order_by("naam")
    )


def _controleer_houders(organisatie: Organisatie, houders: Iterable[User]) -> list[User]:
    houders = list(houders)
    toegestaan = set(leden_van(organisatie).values_list("pk", flat=True))
    if any(h.pk not in toegestaan for h in houders):
        raise ValidationError(
            {"houders": "Kies alleen personen met een rol in uw eigen organisatie."}
        )
    return houders


@transaction.atomic
def voeg_niveau_toe(
    organisatie: Organisatie, *, functionaris: str, houders: Iterable[User]
) -> Escalatieniveau:
    """A new rung on top of the ladder."""
    functionaris = (functionaris or "").strip()
    if not functionaris:
        raise ValidationError({"functionaris": "Vul de functie in, bijvoorbeeld Directeur."})
    houders = _controleer_houders(organisatie, houders)
    # Lock the organisation: two beheerders adding at once get 1 and 2, not 1 twice.
    Organisatie.objects.select_for_update().filter(pk=organisatie.pk).first()
    hoogste = Escalatieniveau.objects.filter(organisatie=organisatie).aggregate(m=Max("niveau"))
    niveau = Escalatieniveau.objects.create(
        organisatie=organisatie, niveau=(hoogste["m"] or 0) + 1, functionaris=functionaris
    )
    niveau.houders.set(houders)
    return niveau


@transaction.atomic
def wijzig_niveau(
    niveau: Escalatieniveau, *, functionaris: str, houders: Iterable[User]
) -> Escalatieniveau:
    functionaris = (functionaris or "").strip()
    if not functionaris:
        raise ValidationError({"functionaris": "Vul de functie in, bijvoorbeeld Directeur."})
    houders = _controleer_houders(niveau.organisatie, houders)
    niveau.functionaris = functionaris
    niveau.save(update_fields=["functionaris"])
    niveau.houders.set(houders)
    return niveau


@transaction.atomic
def verwijder_niveau(niveau: Escalatieniveau) -> None:
    """Remove a rung; the rungs above it move one down, so the ladder has no gap.
    Escalations already sent keep the rung they went to (they copied it)."""
    organisatie_id, nummer = niveau.organisatie_id, niveau.niveau
    Organisatie.objects.select_for_update().filter(pk=organisatie_id).first()
    niveau.delete()
    for hoger in Escalatieniveau.objects.filter(
        organisatie_id=organisatie_id, niveau__gt=nummer
    ).order_by("niveau"):
        hoger.niveau -= 1
        hoger.save(update_fields=["niveau"])


# Escalating -----------------------------------------------------------------------------


def volgend_niveau(
    organisatie: Organisatie | int, eerdere: QuerySet
) -> tuple[Escalatieniveau | None, int]:
    """The rung this organisation escalates this case to next, and the highest rung it
    already reached with it (0: none). `eerdere`: the case's escalations."""
    hoogste = eerdere.filter(organisatie=organisatie).aggregate(m=Max("niveau"))["m"] or 0
    hoger = [n for n in ladder(organisatie) if n.niveau > hoogste]
    return (hoger[0] if hoger else None), hoogste


def niveau_fout(organisatie: Organisatie, niveau: Escalatieniveau | None, hoogste: int) -> str:
    """Why this organisation cannot escalate now, or "" when it can."""
    if niveau is None:
        if hoogste:
            return (
                f"Deze zaak is al opgeschaald tot het hoogste niveau ({hoogste}) van de "
                f"escalatieladder van {organisatie.naam}. Bespreek met die functionaris hoe "
                "het verder moet."
            )
        return (
            f"{organisatie.naam} heeft nog geen escalatieladder. Vraag de beheerder van uw "
            "organisatie om de ladder in te vullen."
        )
    if not niveau.houders.all():
        return (
            f"Niveau {niveau.niveau} ({niveau.functionaris}) van de escalatieladder heeft "
            "nog niemand. Vraag de beheerder van uw organisatie om iemand aan te wijzen."
        )
    return ""


def schaal_op(
    model: type[Opschaling],
    zaak: Model,
    *,
    door: User,
    namens: Organisatie,
    reden: str,
    verwacht_niveau: int | None,
    link: Callable[[Opschaling], str],
) -> Opschaling:
    """Escalate `zaak` (a traject, a thuiszitter entry) to the next rung of `namens`.

    `verwacht_niveau` is the rung the form showed: when someone escalated in between (or
    the form is sent twice) the next rung differs and nothing is sent."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": REDEN_VERPLICHT})
    try:
        with transaction.atomic():
            type(zaak).objects.select_for_update().filter(pk=zaak.pk).first()
            eerdere = model.objects.filter(**{model.ZAAK: zaak})
            niveau, hoogste = volgend_niveau(namens, eerdere)
            if fout := niveau_fout(namens, niveau, hoogste):
                raise ValidationError(fout)
            if verwacht_niveau is not None and niveau.niveau != verwacht_niveau:
                raise ValidationError(
                    f"Intussen is deze zaak al opgeschaald naar niveau {hoogste}. "
                    "Bekijk de opschaling op de pagina van de zaak."
                )
            opschaling = model.objects.create(
                **{model.ZAAK: zaak},
                organisatie=namens,
                niveau=niveau.niveau,
                functionaris=niveau.functionaris,
                door=door,
                reden=reden,
            )
            ontvangers = list(niveau.houders.all())
            opschaling.ontvangers.set(ontvangers)
            notificeer(
                ontvangers,
                "opschaling",
                link(opschaling),
                veroorzaakt_door=door,
                onderwerp=opschaling.uuid,
                organisatie=namens,
            )
    except IntegrityError as exc:  # the same rung at the same moment (double submit)
        raise ValidationError("Deze zaak is zojuist al naar dit niveau opgeschaald.") from exc
    return opschaling


def mag_oplossen(opschaling: Opschaling, user: User) -> bool:
    """The addressee or whoever escalated marks it resolved."""
    return opschaling.is_open and (opschaling.door_id == user.pk or is_ontvanger(opschaling, user))


def is_ontvanger(opschaling: Opschaling, user: User) -> bool:
    return any(u.pk == user.pk for u in opschaling.ontvangers.all())


def is_partij(opschaling: Opschaling, user: User) -> bool:
    """Whoever escalated and those it went to open the escalation's own page."""
    return opschaling.door_id == user.pk or is_ontvanger(opschaling, user)


def los_op(opschaling: Opschaling, *, door: User, afspraak: str, link: str) -> Opschaling:
    afspraak = (afspraak or "").strip()
    if not afspraak:
        raise ValidationError({"afspraak": AFSPRAAK_VERPLICHT})
    with transaction.atomic():
        vers = type(opschaling).objects.select_for_update().get(pk=opschaling.pk)
        if not vers.is_open:
            raise ValidationError("Deze opschaling is al opgelost.")
        if not mag_oplossen(opschaling, door):
            raise ValidationError("Alleen wie opschaalde of naar wie is opgeschaald lost op.")
        vers.opgelost_op = timezone.now()
        vers.opgelost_door = door
        vers.afspraak = afspraak
        vers.save(update_fields=["opgelost_op", "opgelost_door", "afspraak"])
        notificeer(
            [opschaling.door, *opschaling.ontvangers.all()],
            "opschaling_opgelost",
            link,
            veroorzaakt_door=door,
            onderwerp=opschaling.uuid,
            organisatie=opschaling.organisatie,
        )
    return vers


# Reading --------------------------------------------------------------------------------


def concrete_modellen() -> list[type[Opschaling]]:
    """route.Opschaling, fasenmodel.Opschaling: accounts never imports them."""
    return [m for m in Opschaling.__subclasses__() if not m._meta.abstract]


def open_voor_ontvanger(user: User) -> list[Opschaling]:
    """The open escalations addressed to this person, oldest first: one query for the ids
    of all kinds together, then one per kind that has any."""
    modellen = concrete_modellen()
    delen = [
        model.ontvangers.through.objects.filter(
            user_id=user.pk, opschaling__opgelost_op__isnull=True
        )
        .annotate(soort=Value(i, output_field=IntegerField()))
        .values_list("soort", "opschaling_id")
        for i, model in enumerate(modellen)
    ]
    if not delen:
        return []
    per_soort: dict[int, list[int]] = {}
    for soort, pk in delen[0].union(*delen[1:], all=True):
        per_soort.setdefault(soort, []).append(pk)
    rijen = []
    for soort, ids in per_soort.items():
        model = modellen[soort]
        rijen += list(
            model.objects.filter(pk__in=ids).select_related(
                model.LEERLING_PAD, "door", "organisatie"
            )
        )
    return sorted(rijen, key=lambda o: o.aangemaakt_op)


def ontvangergrond(
    user: User, opschalingen: Iterable[Opschaling]
) -> Callable[[Leerling], Toegangsgrond | None]:
    """The access log's ground for the addressee (or the escalator) of an escalation who
    has no reach of the pupil: the escalation itself, on behalf of its organisation.
    Pass only escalations this user is party to (`is_partij`)."""
    per_leerling = {o.leerling.pk: o for o in opschalingen}

    def grond(leerling: Leerling) -> Toegangsgrond | None:
        o = per_leerling.get(leerling.pk)
        if o is None:
            return None
        return Toegangsgrond(o.organisatie_id, f"{o.functionaris} (opschaling)")

    return grond


def eerste(*gronden: Callable[[Leerling], Toegangsgrond | None] | None):
    """The first of several extra grounds that applies."""

    def grond(leerling: Leerling) -> Toegangsgrond | None:
        for g in gronden:
            if g is not None and (uitkomst := g(leerling)) is not None:
                return uitkomst
        return None

    return grond


def werk_voor(request, rolcontext):
    """ "Mijn werk": the open escalations addressed to this person, logged with the
    escalation as ground (the addressee may lack reach of the pupil)."""
    from accounts.werk import Inzage, Werkonderdeel

    if rolcontext is not None and rolcontext.lidmaatschap is None:
        return None  # acting as a parent: no rung is held as a parent
    rijen = open_voor_ontvanger(request.user)
    if not rijen:
        return None
    leerlingen = [o.leerling for o in rijen]
    return Werkonderdeel(
        items={"opschalingen": rijen},
        inzagen=[
            Inzage(
                leerlingen,
                "Mijn werk: opschalingen",
                aanvullend=ontvangergrond(request.user, rijen),
            )
        ],
    )
