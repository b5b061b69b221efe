"""Applying a plan in bulk, inside the caller's transaction, with history kept.

Pupils and custody are written with simple-history's bulk helpers, so every change
has its history row, in a handful of queries per 500 rows (see docs/import.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import Gezag, Leerling, Organisatie, Toegangslog, User
from accounts.permissions import Toegangsgrond
from accounts.rollen import Rol
from accounts.services import schrijf_toegangslog, sync_toegang
from accounts.uitnodigingen import stuur_activaties

from .opzoeken import gebruikers_bij_email
from .plan import Plan
from .rijen import WAARSCHUWING, melding

REDEN = "Import uit de leerlingadministratie"
PER_KEER = 500


@dataclass
class Toegepast:
    nieuw: list[Leerling] = field(default_factory=list)
    gewijzigd: list[Leerling] = field(default_factory=list)
    uitgeschreven: list[Leerling] = field(default_factory=list)
    oude_dossiers: list[Leerling] = field(default_factory=list)  # ended by a move
    uitgenodigd: int = 0


def pas_toe(plan: Plan, door: User) -> Toegepast:
    toegepast = Toegepast()
    users = _maak_accounts(plan, door)

    velden: set[str] = set()
    for leerlingplan in plan.leerlingen:
        if leerlingplan.nieuw:
            continue
        if leerlingplan.velden:
            for veld, waarde in leerlingplan.velden.items():
                setattr(leerlingplan.leerling, veld, waarde)
            velden.update(leerlingplan.velden)
        if leerlingplan.wijzigingen:
            toegepast.gewijzigd.append(leerlingplan.leerling)
    for leerling in plan.uitschrijven:
        leerling.uitgeschreven_op = timezone.localdate()
        velden.add("uitgeschreven_op")
    toegepast.uitgeschreven = list(plan.uitschrijven)
    if velden:
        bulk_update_with_history(
            [p.leerling for p in plan.leerlingen if not p.nieuw and p.velden]
            + toegepast.uitgeschreven,
            Leerling,
            sorted(velden),
            batch_size=PER_KEER,
            default_user=door,
            default_change_reason=REDEN,
        )

    nieuwe_plannen = [p for p in plan.leerlingen if p.nieuw]
    toegepast.nieuw = bulk_create_with_history(
        [Leerling(school=plan.school, **p.velden) for p in nieuwe_plannen],
        Leerling,
        batch_size=PER_KEER,
        default_user=door,
        default_change_reason=REDEN,
    )
    for leerlingplan, leerling in zip(nieuwe_plannen, toegepast.nieuw, strict=True):
        leerlingplan.leerling = leerling

    _koppel_mentoren(plan)
    _koppel_ouders(plan, users, door)
    # After the custody from the file: the move copies the old dossier's custody to
    # the new one where the file did not already name that parent.
    toegepast.oude_dossiers = _registreer_overstappen(plan, door)
    toegepast.uitgenodigd = stuur_activaties(
        [users[email] for email in plan.uit_te_nodigen], door=door, organisatie=plan.school
    )
    return toegepast


def _maak_accounts(plan: Plan, door: User) -> dict[str, User]:
    """New parents' accounts, as `accounts.uitnodigingen.maak_account` makes them (no
    usable password until activated), in one INSERT instead of one per parent."""
    users = dict(plan.bestaande_gebruikers)
    if not plan.nieuwe_accounts:
        return users
    nieuw = []
    for email, ouder in plan.nieuwe_accounts.items():
        user = User(
            email=email,
            naam=(ouder.naam or email)[:200],
            telefoon=ouder.telefoon[:30],
            uitgenodigd_door=door,
        )
        user.set_unusable_password()
        nieuw.append(user)
    # A parallel request may have made one of them meanwhile: that one is used.
    User.objects.bulk_create(nieuw, batch_size=PER_KEER, ignore_conflicts=True)
    users.update(gebruikers_bij_email(set(plan.nieuwe_accounts)))
    return users


def _registreer_overstappen(plan: Plan, door: User) -> list[Leerling]:
    overstappen = plan.per_actie("overstap")
    if not overstappen:
        return []
    from accounts.overstap import registreer_overstap

    oude_dossiers = []
    vandaag = timezone.localdate()
    for leerlingplan in overstappen:
        # Never before today: a date from the file in the past would end the old school's
        # work (and start its read-only term) before it was told (docs/import.md, rule 8).
        datum = max(leerlingplan.velden.get("ingeschreven_op") or vandaag, vandaag)
        try:
            with transaction.atomic():
                registreer_overstap(leerlingplan.overstap_van, leerlingplan.leerling, datum, door)
            oude_dossiers.append(leerlingplan.overstap_van)
        except ValidationError:
            # The new pupil is enrolled; only the link with the old dossier is missing.
            leerlingplan.overstap_van = None
            plan.meldingen.append(
                {
                    **melding(
                        leerlingplan.rij["rij"],
                        leerlingplan.rij["leerlingnummer"],
                        "",
                        WAARSCHUWING,
                        "de overstap van een andere school kon niet worden geregistreerd "
                        "(de gegevens van de vorige school passen er niet bij); de leerling "
                        "is als nieuwe leerling ingeschreven.",
                    ),
                    "bron": "plan",
                }
            )
    return oude_dossiers


def _koppel_mentoren(plan: Plan) -> None:
    Koppeling = Leerling.mentoren.through
    koppelingen = [
        Koppeling(leerling_id=p.leerling.pk, user_id=p.mentor_id)
        for p in plan.leerlingen
        if p.nieuwe_mentor
    ]
    Koppeling.objects.bulk_create(koppelingen, batch_size=PER_KEER, ignore_conflicts=True)


def _koppel_ouders(plan: Plan, users: dict[str, User], door: User) -> None:
    nieuw, gewijzigd = [], []
    for leerlingplan in plan.leerlingen:
        for ouder in leerlingplan.ouders:
            if ouder.gezag is None:
                nieuw.append(
                    Gezag(
                        ouder=users[ouder.email],
                        leerling=leerlingplan.leerling,
                        relatie=Gezag.Relatie.OUDER,
                        heeft_gezag=ouder.heeft_gezag,
                    )
                )
            elif ouder.wijzig_gezag:
                ouder.gezag.heeft_gezag = ouder.heeft_gezag
                gewijzigd.append(ouder.gezag)
    if nieuw:
        bulk_create_with_history(
            nieuw, Gezag, batch_size=PER_KEER, default_user=door, default_change_reason=REDEN
        )
    if gewijzigd:
        bulk_update_with_history(
            gewijzigd,
            Gezag,
            ["heeft_gezag"],
            batch_size=PER_KEER,
            default_user=door,
            default_change_reason=REDEN,
        )
    # The bulk writes send no signals: whose consent counts may have changed.
    ids = {gezag.leerling_id for gezag in nieuw + gewijzigd}
    if ids:
        for leerling in Leerling.objects.filter(pk__in=ids, toestemmingen__isnull=False).distinct():
            sync_toegang(leerling)


def log_import(
    door: User,
    leerlingen: list[Leerling],
    school: Organisatie,
    actie: str,
    onderdeel: str,
    ip_adres: str | None = None,
) -> list[Toegangslog]:
    """The access log for pupils an import wrote (or its preview showed), one row each.

    The schoolbeheerder reaches no case content (Bereik.GEEN); the import is her own
    ground for the pupils of her school. Written without a request so the management
    command logs the same way as the page.
    """

    def als_beheerder(leerling: Leerling) -> Toegangsgrond | None:
        if leerling.school_id == school.pk:
            return Toegangsgrond(school.pk, Rol.ORGANISATIEBEHEERDER.label)
        return None

    return schrijf_toegangslog(
        door, leerlingen, actie, onderdeel, ip_adres=ip_adres, aanvullend=als_beheerder
    )


OVERSTAP_ROL = f"{Rol.ORGANISATIEBEHEERDER.label} (overstap)"


def log_oude_dossiers(
    door: User,
    oude_dossiers: list[Leerling],
    school: Organisatie,
    onderdeel: str,
    ip_adres: str | None = None,
) -> list[Toegangslog]:
    """A move changes the other school's dossier too (it is unenrolled from the move's
    date): logged on behalf of the importing school, whose import made the change."""
    ids = {leerling.pk for leerling in oude_dossiers}

    def als_nieuwe_school(leerling: Leerling) -> Toegangsgrond | None:
        return Toegangsgrond(school.pk, OVERSTAP_ROL) if leerling.pk in ids else None

    return schrijf_toegangslog(
        door,
        oude_dossiers,
        Toegangslog.Actie.IMPORTEREN,
        onderdeel,
        ip_adres=ip_adres,
        aanvullend=als_nieuwe_school,
    )
