"""What an import would do, worked out against the database without writing anything.

Planning reads everything it compares in a fixed number of queries (the school's
pupils, custody and mentors here; the rest in opzoeken.py), so 1,500 rows cost about
what 15 do. The preview shows a plan; confirming plans again, under a lock, and applies
that plan (see docs/import.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models.functions import Lower
from django.utils import timezone

from accounts.aantallen import aantal, vorm
from accounts.models import Gezag, Leerling, Lidmaatschap, Organisatie, User
from accounts.rollen import Bereik, rollen_met_bereik

from . import opzoeken
from .kolommen import LABELS
from .opzoeken import sleutel
from .rijen import FOUT, WAARSCHUWING, melding

VELDEN = {
    "voornaam": "voornaam",
    "tussenvoegsel": "tussenvoegsel",
    "achternaam": "achternaam",
    "geboortedatum": "geboortedatum",
    "groep": "groep",
    "ingeschreven_op": "datum inschrijving",
}


@dataclass
class Ouderplan:
    nummer: int
    email: str
    naam: str
    telefoon: str
    heeft_gezag: bool
    gezag: Gezag | None = None  # the existing link, if any
    wijzig_gezag: bool = False


@dataclass
class Leerlingplan:
    rij: dict
    leerling: Leerling | None = None  # the existing pupil at this school (once applied: any)
    nieuw: bool = False  # no pupil of this school yet: one will be created
    velden: dict = field(default_factory=dict)  # pupil fields to set
    wijzigingen: list[str] = field(default_factory=list)
    overstap_van: Leerling | None = None
    mentor_id: int | None = None
    nieuwe_mentor: bool = False
    ouders: list[Ouderplan] = field(default_factory=list)

    @property
    def actie(self) -> str:
        if self.nieuw:
            return "overstap" if self.overstap_van else "nieuw"
        return "gewijzigd" if self.wijzigingen else "ongewijzigd"

    @property
    def geboortedatum(self) -> date | None:
        waarde = self.rij.get("geboortedatum")
        return date.fromisoformat(waarde) if waarde else None

    @property
    def naam(self) -> str:
        delen = (
            self.rij.get("voornaam"),
            self.rij.get("tussenvoegsel"),
            self.rij.get("achternaam"),
        )
        return " ".join(deel for deel in delen if deel)


@dataclass
class Plan:
    school: Organisatie
    volledig: bool
    leerlingen: list[Leerlingplan] = field(default_factory=list)
    uitschrijven: list[Leerling] = field(default_factory=list)
    bestaande_gebruikers: dict[str, User] = field(default_factory=dict)
    # Addresses never linked as a parent: staff accounts and the importer herself.
    niet_koppelen: dict[str, str] = field(default_factory=dict)  # e-mail -> message
    nieuwe_accounts: dict[str, Ouderplan] = field(default_factory=dict)
    uit_te_nodigen: dict[str, str] = field(default_factory=dict)  # e-mail -> name
    meldingen: list[dict] = field(default_factory=list)
    aantal_ingeschreven: int = 0  # enrolled pupils with a leerlingnummer, before
    aantal_fout: int = 0

    def per_actie(self, actie: str) -> list[Leerlingplan]:
        return [plan for plan in self.leerlingen if plan.actie == actie]

    @property
    def nieuwe(self) -> list[Leerlingplan]:
        return self.per_actie("nieuw")

    @property
    def overstappen(self) -> list[Leerlingplan]:
        return self.per_actie("overstap")

    @property
    def gewijzigde(self) -> list[Leerlingplan]:
        return self.per_actie("gewijzigd")

    @property
    def vraagt_extra_bevestiging(self) -> bool:
        """A full export that would unenroll more than half the school: a wrong file?"""
        return bool(self.uitschrijven) and len(self.uitschrijven) * 2 > self.aantal_ingeschreven

    def aantallen(self, meldingen: list[dict]) -> dict:
        return {
            "nieuw": len(self.per_actie("nieuw")),
            "overstap": len(self.per_actie("overstap")),
            "gewijzigd": len(self.per_actie("gewijzigd")),
            "ongewijzigd": len(self.per_actie("ongewijzigd")),
            "uitgeschreven": len(self.uitschrijven),
            "ouders_uit_te_nodigen": len(self.uit_te_nodigen),
            "fouten": self.aantal_fout,
            "waarschuwingen": sum(1 for m in meldingen if m["soort"] == WAARSCHUWING),
        }


def maak_plan(
    school: Organisatie, rijen: list[dict], *, volledig: bool, door: Iterable[User] = ()
) -> Plan:
    """`door`: who imports (uploads, confirms); their own addresses are never a parent's."""
    vandaag = timezone.localdate()
    plan = Plan(school=school, volledig=volledig)
    goed = [rij for rij in rijen if not rij.get("fout")]
    plan.aantal_fout = len(rijen) - len(goed)

    bestaand = {
        leerling.leerlingnummer: leerling
        for leerling in Leerling.objects.filter(school=school).exclude(leerlingnummer="")
    }
    plan.aantal_ingeschreven = sum(
        1 for leerling in bestaand.values() if not leerling.is_uitgeschreven(vandaag)
    )
    nieuwe = [rij for rij in goed if rij["leerlingnummer"] not in bestaand]
    kandidaten, ouders_elders = ({}, {})
    if nieuwe:
        kandidaten, ouders_elders = opzoeken.kandidaten(school, nieuwe, vandaag)
    gezagen: dict[int, list[Gezag]] = defaultdict(list)
    for gezag in Gezag.objects.filter(leerling__school=school).select_related("ouder"):
        gezagen[gezag.leerling_id].append(gezag)
    mentoren = dict(
        Lidmaatschap.objects.filter(
            organisatie=school, rol__in=rollen_met_bereik(Bereik.EIGEN_LEERLINGEN)
        )
        .annotate(email_klein=Lower("user__email"))
        .values_list("email_klein", "user_id")
    )
    mentorkoppelingen = set(
        Leerling.mentoren.through.objects.filter(
            leerling__school=school, user_id__in=mentoren.values()
        ).values_list("leerling_id", "user_id")
    )
    emails = {ouder["email"] for rij in goed for ouder in rij.get("ouders", [])}
    plan.bestaande_gebruikers = opzoeken.gebruikers_bij_email(emails) if emails else {}
    medewerkers = opzoeken.medewerkers(plan.bestaande_gebruikers.values())
    plan.niet_koppelen = {
        email: _MEDEWERKER
        for email, user in plan.bestaande_gebruikers.items()
        if user.pk in medewerkers
    }
    plan.niet_koppelen.update({user.email.lower(): _UZELF for user in door if user})
    wachtend = [u.pk for u in plan.bestaande_gebruikers.values() if u.geactiveerd_op is None]
    met_link = opzoeken.met_bruikbare_link(wachtend) if wachtend else set()

    overstap_teller = defaultdict(int)
    for rij in goed:
        leerlingplan = Leerlingplan(rij=rij, leerling=bestaand.get(rij["leerlingnummer"]))
        if leerlingplan.leerling is None:
            _zoek_overeenkomst(plan, leerlingplan, kandidaten, ouders_elders)
            if leerlingplan.overstap_van:
                overstap_teller[leerlingplan.overstap_van.pk] += 1
        leerlingplan.nieuw = leerlingplan.leerling is None
        _plan_velden(leerlingplan, vandaag)
        _plan_mentor(plan, leerlingplan, mentoren, mentorkoppelingen)
        if "ouders" in rij:
            _plan_ouders(plan, leerlingplan, gezagen, met_link)
        plan.leerlingen.append(leerlingplan)

    _vergeet_dubbele_overstappen(plan, overstap_teller)
    if volledig:
        _plan_uitschrijven(plan, rijen, bestaand, vandaag, heeft_goede_rij=bool(goed))
    plan.meldingen.sort(key=lambda m: (m["rij"] or 0, m["soort"] != FOUT))
    return plan


def _vergeet_dubbele_overstappen(plan: Plan, overstap_teller: dict[int, int]) -> None:
    for leerlingplan in plan.leerlingen:
        # Two rows that both look like the same pupil elsewhere: neither is matched.
        if leerlingplan.overstap_van and overstap_teller[leerlingplan.overstap_van.pk] > 1:
            leerlingplan.overstap_van = None
            _meld(plan, leerlingplan.rij, "", _MEERDERE, WAARSCHUWING)


def _plan_uitschrijven(
    plan: Plan,
    rijen: list[dict],
    bestaand: dict[str, Leerling],
    vandaag: date,
    *,
    heeft_goede_rij: bool,
) -> None:
    """A full export: the enrolled pupils missing from the file are unenrolled."""
    if not heeft_goede_rij:
        # Not one readable row: a wrong file, not a school without pupils.
        plan.meldingen.append(
            {
                **melding(None, "", "", WAARSCHUWING, _GEEN_GOEDE_RIJ),
                "bron": "plan",
            }
        )
        return
    in_bestand = {rij["leerlingnummer"] for rij in rijen if rij["leerlingnummer"]}
    plan.uitschrijven = sorted(
        (
            leerling
            for nummer, leerling in bestaand.items()
            if nummer not in in_bestand and not leerling.is_uitgeschreven(vandaag)
        ),
        key=lambda leerling: (leerling.achternaam, leerling.voornaam),
    )


_GEEN_GOEDE_RIJ = "geen enkele rij kon worden verwerkt; daarom wordt er ook niemand uitgeschreven."
_GEEN_OUDER = (
    "er staat een leerling met dezelfde naam en geboortedatum op een andere school, maar geen "
    "ouder komt overeen: niet als overstap verwerkt. Klopt het toch, neem dan contact op met "
    "de school van herkomst."
)
_MEDEWERKER = (
    "dit e-mailadres hoort bij een medewerkeraccount in Samenplan en wordt niet als ouder "
    "gekoppeld. Een ouder gebruikt een eigen adres; neem contact op met de beheerder van de "
    "regio als dit toch klopt."
)
_UZELF = "dit is uw eigen e-mailadres: u kunt uzelf niet als ouder koppelen."
_MEERDERE = (
    "er staan meerdere leerlingen met dezelfde naam en geboortedatum op een andere school in "
    "de regio; er is geen overstap geregistreerd. Neem contact op met de vorige school."
)


def _meld(plan: Plan, rij: dict, kolom: str, tekst: str, soort: str = WAARSCHUWING) -> None:
    plan.meldingen.append(
        {**melding(rij["rij"], rij["leerlingnummer"], kolom, soort, tekst), "bron": "plan"}
    )


def _zoek_overeenkomst(
    plan: Plan, leerlingplan: Leerlingplan, kandidaten: dict, ouders_elders: dict
) -> None:
    """A move needs more than a name and a birth date: one of the row's parents must be a
    parent with custody of the other school's dossier (docs/import.md, rule 8)."""
    rij = leerlingplan.rij
    gevonden = kandidaten.get(sleutel(rij["voornaam"], rij["achternaam"], rij["geboortedatum"]), [])
    hier = [leerling for leerling in gevonden if leerling.school_id == plan.school.pk]
    elders = [leerling for leerling in gevonden if leerling.school_id != plan.school.pk]
    if len(hier) == 1:
        # Entered by hand before the first import: it gets its number, no second dossier.
        leerlingplan.leerling = hier[0]
        leerlingplan.velden["leerlingnummer"] = rij["leerlingnummer"]
        leerlingplan.wijzigingen.append("leerlingnummer")
    elif elders:
        in_rij = {
            ouder["email"]
            for ouder in rij.get("ouders", [])
            if ouder["email"] not in plan.niet_koppelen
        }
        met_ouder = [
            leerling
            for leerling in elders
            if not in_rij.isdisjoint(ouders_elders.get(leerling.pk, ()))
        ]
        if len(met_ouder) == 1:
            leerlingplan.overstap_van = met_ouder[0]
        elif met_ouder:
            _meld(plan, rij, "", _MEERDERE)
        else:
            _meld(plan, rij, "", _GEEN_OUDER)


def _plan_velden(leerlingplan: Leerlingplan, vandaag: date) -> None:
    rij, leerling = leerlingplan.rij, leerlingplan.leerling
    if leerling is None:
        leerlingplan.velden["leerlingnummer"] = rij["leerlingnummer"]
    for veld, label in VELDEN.items():
        if veld not in rij:
            continue
        waarde = rij[veld]
        if veld in {"geboortedatum", "ingeschreven_op"} and waarde:
            waarde = date.fromisoformat(waarde)
        if leerling is None:
            leerlingplan.velden[veld] = waarde
        elif getattr(leerling, veld) != waarde:
            leerlingplan.velden[veld] = waarde
            leerlingplan.wijzigingen.append(label)
    if leerling is not None and leerling.uitgeschreven_op is not None:
        leerlingplan.velden["uitgeschreven_op"] = None
        leerlingplan.wijzigingen.append("weer ingeschreven")


def _plan_mentor(
    plan: Plan, leerlingplan: Leerlingplan, mentoren: dict[str, int], koppelingen: set
) -> None:
    email = leerlingplan.rij.get("mentor_email")
    if not email:
        return
    user_id = mentoren.get(email)
    if user_id is None:
        _meld(
            plan,
            leerlingplan.rij,
            LABELS["mentor_email"],
            "geen leerkracht van deze school met dit e-mailadres; er is geen mentor gekoppeld.",
        )
        return
    leerlingplan.mentor_id = user_id
    leerling = leerlingplan.leerling
    if leerling is None or (leerling.pk, user_id) not in koppelingen:
        leerlingplan.nieuwe_mentor = True
        if leerling is not None:
            leerlingplan.wijzigingen.append("mentor")


def _plan_ouders(plan: Plan, leerlingplan: Leerlingplan, gezagen: dict, met_link: set) -> None:
    leerling = leerlingplan.leerling
    bestaande = {g.ouder.email.lower(): g for g in gezagen.get(leerling.pk, [])} if leerling else {}
    for ouder in leerlingplan.rij["ouders"]:
        if reden := plan.niet_koppelen.get(ouder["email"]):
            # The pupil is imported; this parent is not linked (docs/import.md, rule 6).
            n = ouder["nummer"]
            _meld(plan, leerlingplan.rij, LABELS[f"ouder{n}_email"], f"ouder {n}: {reden}")
            continue
        ouderplan = Ouderplan(
            nummer=ouder["nummer"],
            email=ouder["email"],
            naam=ouder["naam"],
            telefoon=ouder["telefoon"],
            heeft_gezag=ouder["heeft_gezag"],
            gezag=bestaande.get(ouder["email"]),
        )
        if ouderplan.gezag is None:
            if leerling is not None:
                leerlingplan.wijzigingen.append(f"ouder {ouder['nummer']} gekoppeld")
        elif ouderplan.gezag.heeft_gezag != ouderplan.heeft_gezag:
            ouderplan.wijzig_gezag = True
            leerlingplan.wijzigingen.append(f"gezag ouder {ouder['nummer']}")
        user = plan.bestaande_gebruikers.get(ouder["email"])
        if user is None:
            plan.nieuwe_accounts.setdefault(ouder["email"], ouderplan)
        if ouderplan.heeft_gezag and (
            user is None or (user.geactiveerd_op is None and user.pk not in met_link)
        ):
            plan.uit_te_nodigen.setdefault(ouder["email"], ouder["naam"] or ouder["email"])
        leerlingplan.ouders.append(ouderplan)
    in_rij = {ouder["email"] for ouder in leerlingplan.rij["ouders"]}
    ontbrekend = [email for email in bestaande if email not in in_rij]
    if ontbrekend:
        _meld(
            plan,
            leerlingplan.rij,
            "",
            f"{aantal(len(ontbrekend), 'gekoppelde ouder,gekoppelde ouders')} "
            f"{vorm(len(ontbrekend), 'staat,staan')} niet in het bestand en "
            f"{vorm(len(ontbrekend), 'blijft,blijven')} gekoppeld; controleer het gezag.",
        )
