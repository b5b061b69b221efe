"""Whom the MDO page offers to invite: the pupil's circle, and a search within it.

Invitees are people who can open the meeting (issue 15, docs/route.md "Who is at the
table"). The circle (`kring`) is:

- the staff of the pupil's own school (an invited teacher who is not the pupil's mentor
  opens the meeting through the invitation, `permissions.TrajectRechten.schoolgenodigde`);
- the consultants of the school's samenwerkingsverband;
- the jeugdteam of the pupil's municipality (Samenplan records no home address: the
  municipality the school lies in, `Organisatie.gemeente`, or else the municipality of
  the school's place), and the party holding the regie;
- the parents with custody (invited automatically, `services.mdo.plan_mdo`);
- leerplicht of the school's municipality while the pupil's situation requires it
  (verzuim, a thuiszitter: `voorstellen.leerplicht_q`), which the planner proposes;
- anyone else (a care provider, JGZ, leerplicht, another municipality's jeugdteam) only
  once the parents' consent to take part in the MDO covers them, which gives them access.

Staff of another school or another SWV are not offered. The list offers the whole circle;
the search (`zoek`) narrows it by name or organisation, never beyond it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Informatiesoort, Lidmaatschap
from accounts.rollen import Bereik, Soort, rollen_met_bereik
from accounts.schoolcontacten import contactpersonen_q
from accounts.toestemming import Toestemmingen
from arrangeren.route.models import Traject
from arrangeren.route.voorstellen import leerplicht_q

MAX_GEVONDEN = 20
MIN_ZOEKTERM = 2


def uit_te_nodigen() -> QuerySet:
    """Everyone who could ever be invited to an MDO: any role that reaches pupils."""
    return Lidmaatschap.objects.exclude(rol__in=rollen_met_bereik(Bereik.GEEN)).select_related(
        "user", "organisatie"
    )


def _gemeente_q(traject: Traject) -> Q:
    """The jeugdteams of the pupil's municipality (see the module's docstring)."""
    school = traject.leerling.school
    if school is None:
        return Q(pk__in=[])
    jeugdteam = Q(organisatie__soort=Soort.JEUGDTEAM)
    if school.gemeente_id:
        return jeugdteam & Q(organisatie__gemeente_id=school.gemeente_id)
    if school.plaats:
        return jeugdteam & Q(organisatie__gemeente__plaats__iexact=school.plaats)
    return Q(pk__in=[])


def _toestemming_q(traject: Traject, toestemmingen: Toestemmingen | None) -> Q:
    """Outsiders whom the parents' consent to take part in the MDO covers (`toestemmingen`:
    the pupil's consent, when the page read it already)."""
    toestemmingen = toestemmingen or Toestemmingen(traject.leerling)
    deelname = Informatiesoort.MDO_DEELNAME
    q = Q(pk__in=[])
    for organisatie_id, user_id in toestemmingen.ontvangers():
        if toestemmingen.dekt(deelname, user_id, organisatie_id):
            persoon = Q(organisatie_id=organisatie_id)
            if user_id is not None:
                persoon &= Q(user_id=user_id)
            q |= persoon
    return q & Q(rol__in=rollen_met_bereik(Bereik.MET_TOESTEMMING))


def kring(traject: Traject, toestemmingen: Toestemmingen | None = None) -> Q:
    """Whom an MDO of this traject may invite (a filter on Lidmaatschap)."""
    school = traject.leerling.school
    q = _gemeente_q(traject) | Q(organisatie_id=traject.regievoerder_id)
    if school is not None:
        # The school's contactpersonen in the jeugdteam (accounts/schoolcontacten.py).
        q |= Q(organisatie_id=school.pk) | contactpersonen_q(school)
        if school.swv_id:
            q |= Q(organisatie_id=school.swv_id)
    # Leerplicht of the school's municipality while the pupil's situation requires it
    # (voorstellen.py: verzuim, a thuiszitter); its other staff stay out.
    return q | _toestemming_q(traject, toestemmingen) | leerplicht_q(traject)


def in_de_kring(traject: Traject, toestemmingen: Toestemmingen | None = None) -> QuerySet:
    """The memberships an MDO of this traject may invite."""
    return uit_te_nodigen().filter(kring(traject, toestemmingen))


def betrokken(traject: Traject, toestemmingen: Toestemmingen | None = None) -> list[Lidmaatschap]:
    """The whole circle of the pupil, in one query (with the pupil's consent read)."""
    leden = in_de_kring(traject, toestemmingen)
    return list(leden.order_by("organisatie__naam", "user__naam", "pk"))


def zoek(
    traject: Traject, zoekterm: str, toestemmingen: Toestemmingen | None = None
) -> list[Lidmaatschap]:
    """People of the circle whose name or organisation holds every word of the term (the
    first MAX_GEVONDEN); nothing for a term shorter than MIN_ZOEKTERM."""
    zoekterm = (zoekterm or "").strip()
    if len(zoekterm) < MIN_ZOEKTERM:
        return []
    leden = in_de_kring(traject, toestemmingen)
    for woord in zoekterm.split()[:5]:
        leden = leden.filter(Q(user__naam__icontains=woord) | Q(organisatie__naam__icontains=woord))
    return list(leden.order_by("user__naam", "organisatie__naam", "pk")[:MAX_GEVONDEN])


def zoekstatus(zoekterm: str, gevonden: list[Lidmaatschap]) -> str:
    """What the search found, in words (read out by screen readers: a status region)."""
    from arrangeren.route.forms import GEVONDEN_LABEL

    if len((zoekterm or "").strip()) < MIN_ZOEKTERM:
        return f"Typ minstens {MIN_ZOEKTERM} letters van de naam."
    if not gevonden:
        return (
            f"Niemand gevonden met “{zoekterm.strip()}” bij de school, het "
            "samenwerkingsverband of het jeugdteam van de leerling, of met toestemming van "
            "de ouders."
        )
    aantal = len(gevonden)
    meer = " (de eersten; maak de zoekterm langer)" if aantal == MAX_GEVONDEN else ""
    woord = "persoon" if aantal == 1 else "personen"
    return f"{aantal} {woord} gevonden{meer}: kies bij Persoon onder “{GEVONDEN_LABEL}”."
