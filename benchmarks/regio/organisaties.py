"""Organisations (SWVs, jeugdteams, schools, aanbieders) and their staff."""

from __future__ import annotations

from datetime import timedelta

from regio.basis import SCHOOLROL, School
from regio.namen import (
    GEMEENTEN,
    PO_SOORTEN,
    SCHOOLNAMEN,
    SWV_NIEUW,
    VO_NAMEN,
    VOORNAMEN_VOLWASSEN,
    ZORGAANBIEDERS,
    ascii_slug,
)


class Organisaties:
    def organisaties(self) -> None:
        from accounts import demo
        from accounts.models import Organisatie

        bestaand = {o.naam: o for o in Organisatie.objects.all()}
        self.regio_id = bestaand[demo.REGIO].id
        self.regenboog_id = bestaand["Basisschool De Regenboog"].id
        self.leerplicht_id = bestaand["Regionaal Bureau Leerplicht Holland Rijnland (demo)"].id
        self.jgz_id = bestaand["JGZ Hollands Midden (demo)"].id
        swvs = self.swvs(bestaand)
        self.jeugdteams(bestaand)
        self.schoolorganisaties(bestaand, swvs)
        self.aanbieders(bestaand)

    def swvs(self, bestaand: dict) -> dict[tuple[int, str], int]:
        """The SWVs by (subregion, PO/VO): the demo's two for Leiden, four new ones."""
        from accounts import demo
        from accounts.models import Organisatie
        from accounts.rollen import Soort

        swvs = {
            (1, "PO"): bestaand[demo.SWVS["PO-28-01"]].id,
            (1, "VO"): bestaand[demo.SWVS["VO-28-01"]].id,
        }
        nieuw = {
            (subregio, sector): Organisatie(
                naam=f"Samenwerkingsverband {sector} {naam} (demo)",
                soort=Soort.SWV,
                code=f"{sector}-{code}",
            )
            for subregio, (naam, code) in SWV_NIEUW.items()
            for sector in ("PO", "VO")
        }
        Organisatie.objects.bulk_create(nieuw.values())
        swvs.update({sleutel: org.id for sleutel, org in nieuw.items()})
        self.swv_ids = sorted(swvs.values())
        return swvs

    def jeugdteams(self, bestaand: dict) -> None:
        """A gemeente and its jeugdteam for each of the 13 municipalities."""
        from accounts.models import Organisatie
        from accounts.rollen import Soort

        gemeenten = [
            Organisatie(naam=f"Gemeente {plaats} (demo)", soort=Soort.GEMEENTE, plaats=plaats)
            for plaats, _, _ in GEMEENTEN
            if f"Gemeente {plaats} (demo)" not in bestaand
        ]
        Organisatie.objects.bulk_create(gemeenten)
        alle = [*bestaand.values(), *gemeenten]
        gemeente_ids = {o.plaats: o.id for o in alle if o.soort == Soort.GEMEENTE}
        teams = [
            Organisatie(
                naam=f"Jeugdteam {plaats} (demo)",
                soort=Soort.JEUGDTEAM,
                gemeente_id=gemeente_ids[plaats],
                plaats=plaats,
            )
            for plaats, _, _ in GEMEENTEN
            if not any(o.soort == Soort.JEUGDTEAM and o.plaats == plaats for o in alle)
        ]
        Organisatie.objects.bulk_create(teams)
        self.jeugdteam_org = {o.plaats: o.id for o in [*alle, *teams] if o.soort == Soort.JEUGDTEAM}

    def schoolorganisaties(self, bestaand: dict, swvs: dict) -> None:
        """The demo's seven schools, then generated ones up to 300 per 100,000 pupils."""
        from accounts import demo
        from accounts.models import Organisatie
        from accounts.rollen import Soort

        subregio_van = {plaats: sub for plaats, _, sub in GEMEENTEN}
        plaatsen = [plaats for plaats, _, _ in GEMEENTEN]
        inwoners = [aantal for _, aantal, _ in GEMEENTEN]
        self.scholen: list[School] = []
        for school in demo.SCHOLEN:
            org = bestaand[school.naam]
            self.scholen.append(School(org.id, org.naam, org.sector, org.swv_id, org.plaats))
        sectoren = ["PO"] * 72 + ["SBO"] * 4 + ["SO"] * 4 + ["VO"] * 16 + ["VSO"] * 4
        gebruikt = {s.naam for s in self.scholen}
        nieuw = []
        for i in range(max(0, self.aantal(300) - len(self.scholen))):
            sector = self.rng.choice(sectoren)
            plaats = self.rng.choices(plaatsen, inwoners)[0]
            naam = self.schoolnaam(sector, plaats, gebruikt)
            po_vo = "PO" if sector in ("PO", "SBO", "SO") else "VO"
            nieuw.append(
                Organisatie(
                    naam=naam,
                    soort=Soort.SCHOOL,
                    sector=sector,
                    swv_id=swvs[(subregio_van[plaats], po_vo)],
                    plaats=plaats,
                    # BRIN-like: two digits, two letters.
                    code=f"{10 + i // 676:02d}{chr(65 + (i // 26) % 26)}{chr(65 + i % 26)}",
                )
            )
        Organisatie.objects.bulk_create(nieuw, batch_size=500)
        for org in nieuw:
            self.scholen.append(School(org.id, org.naam, org.sector, org.swv_id, org.plaats))

    def schoolnaam(self, sector: str, plaats: str, gebruikt: set[str]) -> str:
        kies = self.rng.choice
        naam = {
            "PO": f"{kies(PO_SOORTEN)} {kies(SCHOOLNAMEN)}",
            "SBO": f"SBO {kies(SCHOOLNAMEN)}",
            "SO": f"SO {kies(SCHOOLNAMEN)}",
            "VSO": f"VSO {kies(SCHOOLNAMEN)}",
            "VO": kies([f"{kies(VO_NAMEN)} College", f"Lyceum {kies(VO_NAMEN)}"]),
        }[sector]
        if naam in gebruikt:
            naam = f"{naam} {plaats}"
        while naam in gebruikt:
            naam = f"{naam} II"
        gebruikt.add(naam)
        return naam

    def aanbieders(self, bestaand: dict) -> None:
        from accounts.models import Organisatie
        from accounts.rollen import Soort

        nieuw = [
            Organisatie(naam=f"{naam} (demo)", soort=Soort.JEUGDHULPAANBIEDER, plaats="Leiden")
            for naam in ZORGAANBIEDERS[: max(2, min(len(ZORGAANBIEDERS), self.aantal(20)))]
        ]
        Organisatie.objects.bulk_create(nieuw)
        self.aanbieder_ids = [o.id for o in nieuw] + [
            o.id for o in bestaand.values() if o.soort == Soort.JEUGDHULPAANBIEDER
        ]

    def medewerkers(self) -> None:
        """Staff: a coördinator and a director per school (the demo's where they exist),
        jeugdteams, SWV consulenten, leerplicht, care providers, JGZ. Teachers come with
        the classes (see `leraren`)."""
        from accounts.models import Lidmaatschap, User
        from accounts.rollen import ROLLEN, Bereik, Rol

        personas = {u.email: u.id for u in User.objects.filter(email__endswith="@demo.nl")}
        self.ib_persona = personas["ib@demo.nl"]
        self.mentor_persona = personas["mentor@demo.nl"]
        self.jeugdteam_persona = personas["jeugdteam@demo.nl"]
        self.users: list[tuple] = []  # rows for COPY, made in `nieuwe_user`
        bestaande = list(Lidmaatschap.objects.all())
        plannen = self.personeelsplan({(lid.organisatie_id, lid.rol): lid for lid in bestaande})
        ids = iter(self.reserveer(User, len(plannen)))
        school_op_id = {s.id: s for s in self.scholen}
        self.nieuwe_leden = []
        for org_id, rol in plannen:
            user_id = self.nieuwe_user(next(ids), medewerker=True)
            self.nieuwe_leden.append(Lidmaatschap(user_id=user_id, organisatie_id=org_id, rol=rol))
            if rol in (Rol.ONDERSTEUNINGSCOORDINATOR, Rol.DIRECTEUR):
                setattr(school_op_id[org_id], SCHOOLROL[rol], user_id)
        # Organisation -> its users in a role that reaches pupils by consent.
        self.leden: dict[int, list[int]] = {}
        for lid in [*bestaande, *self.nieuwe_leden]:
            if ROLLEN[Rol(lid.rol)].bereik == Bereik.MET_TOESTEMMING:
                self.leden.setdefault(lid.organisatie_id, []).append(lid.user_id)
        self.jeugdteam_medewerkers = {
            plaats: self.leden[org_id] for plaats, org_id in self.jeugdteam_org.items()
        }
        self.swv_consulenten = {swv: self.leden.get(swv, []) for swv in self.swv_ids}
        self.leerplicht_ids = self.leden[self.leerplicht_id]

    def personeelsplan(self, bestaand: dict) -> list[tuple[int, str]]:
        """(organisation, role) of every new staff member."""
        from accounts.rollen import Rol

        plannen = []
        for school in self.scholen:
            for rol in (Rol.ONDERSTEUNINGSCOORDINATOR, Rol.DIRECTEUR):
                if (school.id, rol) in bestaand:
                    setattr(school, SCHOOLROL[rol], bestaand[(school.id, rol)].user_id)
                else:
                    plannen.append((school.id, rol))
        inwoners = {plaats: aantal for plaats, aantal, _ in GEMEENTEN}
        for plaats, org_id in self.jeugdteam_org.items():
            aantal = max(1, round(inwoners[plaats] / 12 * self.s))
            plannen += [(org_id, Rol.MEDEWERKER_JEUGDTEAM)] * aantal
        plannen += [(swv, Rol.CONSULENT_SWV) for swv in self.swv_ids for _ in range(2)]
        plannen += [(self.leerplicht_id, Rol.LEERPLICHTAMBTENAAR)] * self.aantal(4)
        plannen += [(org_id, Rol.MEDEWERKER_JEUGDHULP) for org_id in self.aanbieder_ids]
        plannen += [(self.jgz_id, Rol.JGZ)] * self.aantal(6)
        return plannen

    def nieuwe_user(self, user_id: int, *, medewerker: bool, naam: str | None = None) -> int:
        if naam is None:
            _, tussenvoegsel, achternaam = self.naam()
            naam = " ".join(
                p for p in (self.rng.choice(VOORNAMEN_VOLWASSEN), tussenvoegsel, achternaam) if p
            )
        domein = "school.example" if medewerker else "ouders.example"
        actief = medewerker or self.rng.random() < 0.6
        aangemaakt = self.moment(30, 1500)
        self.users.append(
            (
                user_id,
                "!",  # no usable password: nobody logs in as a generated user
                f"{ascii_slug(naam)}.{user_id}@{domein}",
                naam,
                aangemaakt,
                aangemaakt + timedelta(days=2) if actief else None,
            )
        )
        return user_id
