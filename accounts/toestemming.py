"""The consent policy: whose consent counts for a pupil, and what it covers.

Rules of docs/toestemming.md as data: under 12 the parents with custody decide; from 12
to 16 the pupil and the parents with custody; from 16 the pupil alone. Consent counts
only when *every* required giver gave it, it was not withdrawn and has not expired.
A giver covers a person either by naming that person or by naming their organisation.

For a list of pupils, `Toestemmingen.voor_leerlingen` decides consent for all of them in
two queries (custody and consent rows of the whole list), not two per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from accounts.models import Gezag, Informatiesoort, Leerling, Lidmaatschap, Toestemming, User
from accounts.rollen import Bereik, rollen_met_bereik

LEERLING = "leerling"  # the giver key of the pupil's own consent


@dataclass(frozen=True)
class Leeftijdsregel:
    vanaf: int
    tot: int | None
    ouders: bool
    leerling: bool
    uitleg: str


LEEFTIJDSREGELS: tuple[Leeftijdsregel, ...] = (
    Leeftijdsregel(0, 12, True, False, "Onder de 12 jaar beslissen de ouders met gezag."),
    Leeftijdsregel(
        12, 16, True, True, "Van 12 tot 16 jaar beslissen de leerling en de ouders met gezag."
    ),
    Leeftijdsregel(16, None, False, True, "Vanaf 16 jaar beslist de leerling zelf."),
)


def regel_voor(leerling: Leerling, op: date | None = None) -> Leeftijdsregel:
    leeftijd = leerling.leeftijd(op)
    for regel in LEEFTIJDSREGELS:
        if leeftijd >= regel.vanaf and (regel.tot is None or leeftijd < regel.tot):
            return regel
    return LEEFTIJDSREGELS[0]


def gever_sleutel(toestemming: Toestemming) -> object:
    return toestemming.gever_id if toestemming.gever_id else LEERLING


def vereiste_gevers(leerling: Leerling, op: date | None = None) -> set[object]:
    """The keys of everyone whose consent is needed: parent user ids and/or LEERLING."""
    regel = regel_voor(leerling, op)
    ouders: set[int] = set()
    if regel.ouders:
        ouders = set(
            Gezag.objects.filter(leerling=leerling, heeft_gezag=True).values_list(
                "ouder_id", flat=True
            )
        )
    return _gevers(regel, ouders)


def _gevers(regel: Leeftijdsregel, ouders: set[int]) -> set[object]:
    """`vereiste_gevers` from the pupil's age rule and the parents with custody."""
    gevers: set[object] = set()
    if regel.ouders:
        if not ouders:
            # The parents' say is needed but nobody with custody is known: nobody can
            # consent (the pupil alone does not suffice), so nothing is shared.
            return set()
        gevers |= ouders
    if regel.leerling:
        gevers.add(LEERLING)
    return gevers


def vereiste_gevers_per_leerling(
    leerlingen: Iterable[Leerling], op: date | None = None
) -> dict[int, set[object]]:
    """`vereiste_gevers` for many pupils in one query: pupil id -> giver keys."""
    leerlingen = list(leerlingen)
    regels = {leerling.pk: regel_voor(leerling, op) for leerling in leerlingen}
    ouders: dict[int, set[int]] = defaultdict(set)
    met_ouders = [pk for pk, regel in regels.items() if regel.ouders]
    if met_ouders:
        for leerling_id, ouder_id in Gezag.objects.filter(
            leerling_id__in=met_ouders, heeft_gezag=True
        ).values_list("leerling_id", "ouder_id"):
            ouders[leerling_id].add(ouder_id)
    return {pk: _gevers(regel, ouders.get(pk, set())) for pk, regel in regels.items()}


class Toestemmingen:
    """The consent that counts for one pupil today, loaded in two queries.

    For a list of pupils use `Toestemmingen.voor_leerlingen(leerlingen)`: two queries for
    the whole list.
    """

    def __init__(self, leerling: Leerling, op: date | None = None) -> None:
        op = op or timezone.localdate()
        rijen = Toestemming.objects.filter(leerling=leerling).geldig(op)
        self._vul(
            leerling,
            op,
            vereiste_gevers(leerling, op),
            rijen.values_list("soort", "ontvanger_organisatie_id", "ontvanger_id", "gever_id"),
        )

    def _vul(self, leerling: Leerling, op: date, gevers: set[object], rijen: Iterable) -> None:
        self.leerling = leerling
        self.op = op
        self.gevers = gevers
        self._gegeven: dict[tuple, set] = defaultdict(set)  # read with .get() only
        for soort, org_id, ontvanger_id, gever_id in rijen:
            self._gegeven[(soort, org_id, ontvanger_id)].add(gever_id or LEERLING)

    @classmethod
    def uit(
        cls,
        leerling: Leerling,
        rijen: Iterable[Toestemming],
        gezagen: Iterable[Gezag],
        op: date | None = None,
    ) -> Toestemmingen:
        """From rows a page loaded anyway (no query): the pupil's consent rows (all of them,
        or at least those that count today) and custody rows (e.g. `leerling.gezagen`)."""
        op = op or timezone.localdate()
        regel = regel_voor(leerling, op)
        ouders = {g.ouder_id for g in gezagen if g.heeft_gezag and g.leerling_id == leerling.pk}
        toestemmingen = cls.__new__(cls)
        toestemmingen._vul(
            leerling,
            op,
            _gevers(regel, ouders),
            [
                (rij.soort, rij.ontvanger_organisatie_id, rij.ontvanger_id, rij.gever_id)
                for rij in rijen
                if rij.leerling_id == leerling.pk and rij.is_geldig(op)
            ],
        )
        return toestemmingen

    @classmethod
    def voor_leerlingen(
        cls, leerlingen: Iterable[Leerling], op: date | None = None
    ) -> dict[int, Toestemmingen]:
        """The consent of every pupil of a list, in two queries: pupil id -> Toestemmingen."""
        leerlingen = list({leerling.pk: leerling for leerling in leerlingen}.values())
        if not leerlingen:
            return {}
        op = op or timezone.localdate()
        gevers = vereiste_gevers_per_leerling(leerlingen, op)
        rijen: dict[int, list[tuple]] = defaultdict(list)
        for leerling_id, *rij in (
            Toestemming.objects.filter(leerling_id__in=[lln.pk for lln in leerlingen])
            .geldig(op)
            .values_list(
                "leerling_id", "soort", "ontvanger_organisatie_id", "ontvanger_id", "gever_id"
            )
        ):
            rijen[leerling_id].append(tuple(rij))
        resultaat = {}
        for leerling in leerlingen:
            toestemmingen = cls.__new__(cls)
            toestemmingen._vul(leerling, op, gevers[leerling.pk], rijen.get(leerling.pk, []))
            resultaat[leerling.pk] = toestemmingen
        return resultaat

    def dekt(self, soort: str, user_id: int | None, organisatie_id: int) -> bool:
        """Does consent of this kind cover this person of this organisation?"""
        if not self.gevers:
            return False  # nobody can consent (no parent with custody known): no sharing
        gegeven = self._gegeven.get((soort, organisatie_id, None), set())
        if user_id is not None:
            gegeven = gegeven | self._gegeven.get((soort, organisatie_id, user_id), set())
        return self.gevers <= gegeven

    def soorten(self, user_id: int, organisatie_ids: Collection[int]) -> set[str]:
        return {
            soort
            for soort in Informatiesoort.values
            for org_id in organisatie_ids
            if self.dekt(soort, user_id, org_id)
        }

    def ontvangers(self) -> set[tuple[int, int | None]]:
        """(organisation, person or None) pairs that hold any consent that counts.

        Consent to hand the dossier over to a new school gives that school no sight of
        this dossier: the new school works in its own (docs/overstap.md).
        """
        return {
            (org_id, ontvanger_id)
            for (soort, org_id, ontvanger_id) in self._gegeven
            if soort != Informatiesoort.OVERDRACHT and self.dekt(soort, ontvanger_id, org_id)
        }

    def gebruikers_met_toegang(self) -> set[int]:
        """Users who should hold an object permission on the pupil because of consent."""
        ontvangers = self.ontvangers()
        if not ontvangers:
            return set()
        organisaties = {org_id for org_id, ontvanger_id in ontvangers if ontvanger_id is None}
        # Named persons keep access only while they work for the named organisation, in
        # a consent-based role.
        leden = Lidmaatschap.objects.filter(
            rol__in=rollen_met_bereik(Bereik.MET_TOESTEMMING),
            organisatie_id__in={org_id for org_id, _ in ontvangers},
        ).values_list("user_id", "organisatie_id")
        return {
            user_id
            for user_id, org_id in leden
            if org_id in organisaties or (org_id, user_id) in ontvangers
        }


def soorten_per_leerling(
    leerlingen: Iterable[Leerling],
    user_id: int,
    organisatie_ids: Collection[int],
    op: date | None = None,
) -> dict[int, set[str]]:
    """`Toestemmingen.soorten` for every pupil of a list, in two queries."""
    return {
        pk: toestemmingen.soorten(user_id, organisatie_ids)
        for pk, toestemmingen in Toestemmingen.voor_leerlingen(leerlingen, op).items()
    }


def kan_geven(user: User, leerling: Leerling) -> bool:
    """May this user answer consent questions for this pupil (a parent whose say counts)?"""
    return user.pk in vereiste_gevers(leerling)


@dataclass(frozen=True)
class Bundel:
    """Open consent questions asked together for one occasion (an MDO), which a parent
    gives with one button ("Alles toestaan voor dit MDO", docs/toestemming.md). A higher
    app names them through a hook on its AppConfig, `toestemmingsbundels(rijen)`."""

    sleutel: str
    titel: str
    rijen: tuple[Toestemming, ...]

    @property
    def ids(self) -> str:
        """The rows exactly as shown: giving refuses if they changed meanwhile."""
        return ",".join(str(pk) for pk in sorted(r.pk for r in self.rijen))


def bundels(open_rijen: list[Toestemming]) -> list[Bundel]:
    """The bundles of several of these open questions, from every app's hook."""
    from django.apps import apps

    gevonden: list[Bundel] = []
    for app_config in apps.get_app_configs():
        hook = getattr(app_config, "toestemmingsbundels", None)
        if hook is not None and open_rijen:
            gevonden.extend(b for b in hook(open_rijen) if len(b.rijen) > 1)
    return gevonden
