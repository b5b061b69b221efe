"""What an import would do, worked out against the database without writing anything.

Planning reads everything it compares in a fixed number of queries (the school's
pupils, custody and mentors; the parents' accounts by e-mail; open activation links;
pupils elsewhere in the region with the same name and birth date), so 1,500 rows cost
about what 15 do. The preview shows a plan; confirming plans again, under a lock, and
applies that plan (see docs/import.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import Emaillink, Gezag, Leerling, Lidmaatschap, Organisatie, User
from accounts.rollen import Rol

from .kolommen import LABELS
from .rijen import FOUT, WAARSCHUWING, melding

IN_STUKKEN = 900  # SQLite's old limit on parameters in one query

VELDEN = {
    "voornaam": "voornaam",
    "tussenvoegsel": "tussenvoegsel",
    "achternaam": "achternaam",
    "geboortedatum": "geboortedatum",
    "groep": "groep",
    "ingeschreven_op": "datum inschrijving",
}


def in_stukken(waarden: Iterable, grootte: int = IN_STUKKEN) -> Iterable[list]:
    waarden = list(waarden)
    for begin in range(0, len(waarden), grootte):
        yield waarden[begin : begin + grootte]


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


def _sleutel(voornaam: str, achternaam: str, geboortedatum) -> tuple:
    return (voornaam.casefold(), achternaam.casefold(), str(geboortedatum))


def gebruikers_bij_email(emails: set[str]) -> dict[str, User]:
    gevonden = {}
    for stuk in in_stukken(sorted(emails)):
        for user in User.objects.annotate(email_klein=Lower("email")).filter(email_klein__in=stuk):
            gevonden[user.email_klein] = user
    return gevonden


def _met_bruikbare_link(user_ids: Iterable[int]) -> set[int]:
    ids = set()
    for stuk in in_stukken(user_ids):
        ids.update(
            Emaillink.objects.bruikbaar()
            .filter(doel=Emaillink.Doel.ACTIVEREN, user_id__in=stuk)
            .values_list("user_id", flat=True)
        )
    return ids


def _kandidaten(school: Organisatie, nieuwe: list[dict], vandaag: date) -> dict[tuple, list]:
    """Pupils with the same name and birth date: this school's own without a number
    (entered by hand before the first import) and those enrolled at another school."""
    per_sleutel: dict[tuple, list[Leerling]] = defaultdict(list)
    datums = {rij["geboortedatum"] for rij in nieuwe}
    hier_zonder_nummer = Q(school=school, leerlingnummer="")
    elders = (
        Q(school__isnull=False)
        & ~Q(school=school)
        & (Q(uitgeschreven_op__isnull=True) | Q(uitgeschreven_op__gt=vandaag))
    )
    for stuk in in_stukken(datums):
        for leerling in Leerling.objects.filter(geboortedatum__in=stuk).filter(
            hier_zonder_nummer | elders
        ):
            sleutel = _sleutel(leerling.voornaam, leerling.achternaam, leerling.geboortedatum)
            per_sleutel[sleutel].append(leerling)
    return per_sleutel


def maak_plan(school: Organisatie, rijen: list[dict], *, volledig: bool) -> Plan:
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
    kandidaten = _kandidaten(school, nieuwe, vandaag) if nieuwe else {}
    gezagen: dict[int, list[Gezag]] = defaultdict(list)
    for gezag in Gezag.objects.filter(leerling__school=school).select_related("ouder"):
        gezagen[gezag.leerling_id].append(gezag)
    mentoren = dict(
        Lidmaatschap.objects.filter(organisatie=school, rol=Rol.LEERKRACHT)
        .annotate(email_klein=Lower("user__email"))
        .values_list("email_klein", "user_id")
    )
    mentorkoppelingen = set(
        Leerling.mentoren.through.objects.filter(
            leerling__school=school, user_id__in=mentoren.values()
        ).values_list("leerling_id", "user_id")
    )
    emails = {ouder["email"] for rij in goed for ouder in rij.get("ouders", [])}
    plan.bestaande_gebruikers = gebruikers_bij_email(emails) if emails else {}
    wachtend = [u.pk for u in plan.bestaande_gebruikers.values() if u.geactiveerd_op is None]
    met_link = _met_bruikbare_link(wachtend) if wachtend else set()

    overstap_teller = defaultdict(int)
    for rij in goed:
        leerlingplan = Leerlingplan(rij=rij, leerling=bestaand.get(rij["leerlingnummer"]))
        if leerlingplan.leerling is None:
            _zoek_overeenkomst(plan, leerlingplan, kandidaten)
            if leerlingplan.overstap_van:
                overstap_teller[leerlingplan.overstap_van.pk] += 1
        leerlingplan.nieuw = leerlingplan.leerling is None
        _plan_velden(leerlingplan, vandaag)
        _plan_mentor(plan, leerlingplan, mentoren, mentorkoppelingen)
        if "ouders" in rij:
            _plan_ouders(plan, leerlingplan, gezagen, met_link)
        plan.leerlingen.append(leerlingplan)

    for leerlingplan in plan.leerlingen:
        # Two rows that both look like the same pupil elsewhere: neither is matched.
        if leerlingplan.overstap_van and overstap_teller[leerlingplan.overstap_van.pk] > 1:
            leerlingplan.overstap_van = None
            _meld(plan, leerlingplan.rij, "", _MEERDERE, WAARSCHUWING)

    if volledig and not goed:
        # Not one readable row: a wrong file, not a school without pupils.
        plan.meldingen.append(
            {
                **melding(None, "", "", WAARSCHUWING, _GEEN_GOEDE_RIJ),
                "bron": "plan",
            }
        )
    elif volledig:
        in_bestand = {rij["leerlingnummer"] for rij in rijen if rij["leerlingnummer"]}
        plan.uitschrijven = sorted(
            (
                leerling
                for nummer, leerling in bestaand.items()
                if nummer not in in_bestand and not leerling.is_uitgeschreven(vandaag)
            ),
            key=lambda leerling: (leerling.achternaam, leerling.voornaam),
        )
    plan.meldingen.sort(key=lambda m: (m["rij"] or 0, m["soort"] != FOUT))
    return plan


_GEEN_GOEDE_RIJ = "geen enkele rij kon worden verwerkt; daarom wordt er ook niemand uitgeschreven."
_MEERDERE = (
    "er staan meerdere leerlingen met dezelfde naam en geboortedatum op een andere school in "
    "de regio; er is geen overstap geregistreerd. Neem contact op met de vorige school."
)


def _meld(plan: Plan, rij: dict, kolom: str, tekst: str, soort: str = WAARSCHUWING) -> None:
    plan.meldingen.append(
        {**melding(rij["rij"], rij["leerlingnummer"], kolom, soort, tekst), "bron": "plan"}
    )


def _zoek_overeenkomst(plan: Plan, leerlingplan: Leerlingplan, kandidaten: dict) -> None:
    rij = leerlingplan.rij
    gevonden = kandidaten.get(
        _sleutel(rij["voornaam"], rij["achternaam"], rij["geboortedatum"]), []
    )
    hier = [leerling for leerling in gevonden if leerling.school_id == plan.school.pk]
    elders = [leerling for leerling in gevonden if leerling.school_id != plan.school.pk]
    if len(hier) == 1:
        # Entered by hand before the first import: it gets its number, no second dossier.
        leerlingplan.leerling = hier[0]
        leerlingplan.velden["leerlingnummer"] = rij["leerlingnummer"]
        leerlingplan.wijzigingen.append("leerlingnummer")
    elif len(elders) == 1:
        leerlingplan.overstap_van = elders[0]
    elif len(elders) > 1:
        _meld(plan, rij, "", _MEERDERE)


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


def _plan_mentor(plan: Plan, leerlingplan: Leerlingplan, mentoren: dict, koppelingen: set):
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
            f"{len(ontbrekend)} gekoppelde ouder(s) staan niet in het bestand en blijven "
            "gekoppeld; controleer het gezag.",
        )
