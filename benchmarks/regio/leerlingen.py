"""Pupils, parents with custody, the dossiers that get a traject, and consent."""

from __future__ import annotations

from datetime import date, timedelta

from regio.basis import Leerlingrij, School
from regio.namen import VOORNAMEN_VOLWASSEN


class Leerlingen:
    def leerlingen(self) -> None:
        """Pupils in classes of up to 27 with their teacher, and their parents."""
        from accounts.models import Gezag, Leerling, Lidmaatschap, User

        verdeling, zonder_school = self.verdeling()
        ids = iter(self.reserveer(Leerling, sum(verdeling.values()) + zonder_school))
        self.alle: list[Leerlingrij] = []
        klassen: list[tuple[School, str, list[Leerlingrij]]] = []
        for school in self.scholen:
            if verdeling.get(school.id):
                klassen += self.klassen(school, verdeling[school.id], ids)
        for _ in range(zonder_school):
            self.alle.append(self.nieuwe_leerling(None, self.rng.randint(7, 17), next(ids)))
        mentoren = self.leraren(klassen)
        self.ouders()
        self.kopieer(
            User,
            ["id", "password", "email", "naam", "date_joined", "geactiveerd_op"],
            iter(self.users),
        )
        Lidmaatschap.objects.bulk_create(self.nieuwe_leden, batch_size=2000)
        self.kopieer(
            Leerling,
            [
                "id",
                "uuid",
                "voornaam",
                "tussenvoegsel",
                "achternaam",
                "geboortedatum",
                "school_id",
                "groep",
                "ingeschreven_op",
                "leerlingnummer",
                "uitgeschreven_op",
            ],
            self.leerlingrijen(),
        )
        self.kopieer_m2m(Leerling.mentoren.through, ["leerling_id", "user_id"], iter(mentoren))
        self.kopieer(
            Gezag,
            ["ouder_id", "leerling_id", "relatie", "heeft_gezag"],
            (
                (ouder, rij.id, "moeder" if i == 0 else "vader", gezag)
                for rij in self.alle
                for i, (ouder, gezag) in enumerate(rij.ouders)
            ),
        )

    def verdeling(self) -> tuple[dict[int, int], int]:
        """New pupils per school (De Regenboog's share first), and how many have no school."""
        from accounts.models import Leerling

        bestaand: dict[int | None, int] = {}
        for school_id in Leerling.objects.values_list("school_id", flat=True):
            bestaand[school_id] = bestaand.get(school_id, 0) + 1
        regenboog = min(1500, max(round(0.015 * self.n), min(300, self.n // 4)))
        regenboog_nieuw = max(0, regenboog - bestaand.get(self.regenboog_id, 0))
        zonder_school = self.aantal(40, 2)
        rest = max(0, self.n - sum(bestaand.values()) - regenboog_nieuw - zonder_school)
        gewicht = {"PO": 1.0, "SBO": 0.5, "SO": 0.4, "VO": 3.5, "VSO": 0.5}
        anderen = [s for s in self.scholen if s.id != self.regenboog_id]
        quota = [gewicht[s.sector] * self.rng.uniform(0.6, 1.4) for s in anderen]
        verdeling = {s.id: int(rest * q / sum(quota)) for s, q in zip(anderen, quota, strict=True)}
        for s in anderen[: rest - sum(verdeling.values())]:
            verdeling[s.id] += 1
        verdeling[self.regenboog_id] = regenboog_nieuw
        return verdeling, zonder_school

    def klassen(self, school: School, aantal: int, ids) -> list[tuple[School, str, list]]:
        """`aantal` pupils spread over the school's years, in classes of up to 27."""
        leerjaren = range(1, 9) if school.po else range(1, 7)
        per_jaar: dict[int, list[Leerlingrij]] = {j: [] for j in leerjaren}
        for _ in range(aantal):
            jaar = self.rng.choice(leerjaren)
            rij = self.nieuwe_leerling(school, jaar + 4 if school.po else jaar + 11, next(ids))
            per_jaar[jaar].append(rij)
            self.alle.append(rij)
        klassen = []
        woord = "groep" if school.po else "leerjaar"
        for jaar, rijen in per_jaar.items():
            for k in range(0, len(rijen), 27):
                klassen.append(
                    (school, f"{woord} {jaar}{'abcdefghij'[min(9, k // 27)]}", rijen[k : k + 27])
                )
        return klassen

    def nieuwe_leerling(self, school: School | None, leeftijd: int, leerling_id: int):
        rng = self.rng
        schooljaar = self.vandaag.year if self.vandaag.month >= 8 else self.vandaag.year - 1
        voornaam, tussenvoegsel, achternaam = self.naam()
        return Leerlingrij(
            id=leerling_id,
            uuid=self.uuid4(),
            school=school,
            geboortedatum=date(
                schooljaar - leeftijd - (1 if rng.random() < 0.75 else 0),
                rng.randint(1, 12),
                rng.randint(1, 28),
            ),
            uitgeschreven=self.dag(1, 300) if school and rng.random() < 0.01 else None,
            ouders=[],
            mentor=None,
            groep="",
            voornaam=voornaam,
            tussenvoegsel=tussenvoegsel,
            achternaam=achternaam,
        )

    def leraren(self, klassen: list) -> list[tuple[int, int]]:
        """One teacher per class; the demo mentor teaches De Regenboog's groep 6a (as he
        teaches Sam de Vries's groep 6). Returns the mentor rows (pupil, teacher)."""
        from accounts.models import Lidmaatschap, User
        from accounts.rollen import Rol

        demo_klas = (self.regenboog_id, "groep 6a")
        nieuw = sum(1 for school, groep, _ in klassen if (school.id, groep) != demo_klas)
        ids = iter(self.reserveer(User, nieuw))
        mentoren = []
        for school, groep, rijen in klassen:
            if (school.id, groep) == demo_klas:
                leraar = self.mentor_persona
            else:
                leraar = self.nieuwe_user(next(ids), medewerker=True)
                self.nieuwe_leden.append(
                    Lidmaatschap(user_id=leraar, organisatie_id=school.id, rol=Rol.LEERKRACHT)
                )
            for rij in rijen:
                rij.mentor, rij.groep = leraar, groep
                mentoren.append((rij.id, leraar))
        return mentoren

    def ouders(self) -> None:
        """One or two parents per family; a third of the pupils has a brother or sister at
        the same school (the same parents). The first parent always holds custody."""
        from accounts.models import User

        rng = self.rng
        gezinnen = []
        vorige: Leerlingrij | None = None
        for rij in self.alle:
            if vorige and rij.school and vorige.school is rij.school and rng.random() < 0.33:
                rij.tussenvoegsel, rij.achternaam = vorige.tussenvoegsel, vorige.achternaam
                rij.ouders, vorige = vorige.ouders, None
                continue
            rij.ouders = [None] * (2 if rng.random() < 0.72 else 1)
            gezinnen.append(rij)
            vorige = rij
        ids = iter(self.reserveer(User, sum(len(rij.ouders) for rij in gezinnen)))
        for rij in gezinnen:
            achternaam = " ".join(p for p in (rij.tussenvoegsel, rij.achternaam) if p)
            for i in range(len(rij.ouders)):
                naam = f"{rng.choice(VOORNAMEN_VOLWASSEN)} {achternaam}"
                user_id = self.nieuwe_user(next(ids), medewerker=False, naam=naam)
                rij.ouders[i] = (user_id, i == 0 or rng.random() > 0.05)

    def leerlingrijen(self):
        nummers: dict[int, int] = {}
        for rij in self.alle:
            school_id = rij.school.id if rij.school else None
            nummer, ingeschreven = "", None
            if school_id is not None:
                nummers[school_id] = nummers.get(school_id, 20000) + 1
                nummer = str(nummers[school_id])
                ingeschreven = self.dag(30, 2800)
            yield (
                rij.id,
                rij.uuid,
                rij.voornaam,
                rij.tussenvoegsel,
                rij.achternaam,
                rij.geboortedatum,
                school_id,
                rij.groep,
                ingeschreven,
                nummer,
                rij.uitgeschreven,
            )

    def kies_dossiers(self) -> None:
        """Which pupils have a traject, an OPP, a TLV request, a phase, a register entry."""
        rng = self.rng
        ingeschreven = [r for r in self.alle if r.school is not None and r.uitgeschreven is None]
        self.ingeschreven = ingeschreven
        open_ = rng.sample(ingeschreven, min(len(ingeschreven), self.aantal(5000)))
        # The steps of the open trajecten: most run the arrangement (step 7).
        stappen = rng.choices(range(1, 10), weights=[10, 10, 12, 8, 5, 8, 30, 10, 7], k=len(open_))
        self.open_trajecten = list(zip(open_, stappen, strict=True))
        dicht_kandidaten = rng.sample(ingeschreven, min(len(ingeschreven), self.aantal(1500)))
        self.dichte_trajecten = dicht_kandidaten
        self.buiten_school = {r.id for r, _ in self.open_trajecten if rng.random() < 0.1}
        # OPPs: every pupil whose traject passed the MDO, then pupils of special schools.
        ver = [r for r, stap in self.open_trajecten if stap >= 6]
        speciaal = [r for r in ingeschreven if r.school.sector in ("SBO", "SO", "VSO")]
        doel = round(self.aantal(4000) / 1.15)
        gekozen = {r.id: r for r in ver[:doel]}
        for r in rng.sample(speciaal, min(len(speciaal), doel)):
            if len(gekozen) >= doel:
                break
            gekozen.setdefault(r.id, r)
        self.opp_leerlingen = list(gekozen.values())
        self.plaatsing_leerlingen = rng.sample(
            ingeschreven, min(len(ingeschreven), self.aantal(3000))
        )
        zonder_school = [r for r in self.alle if r.school is None]
        thuis = rng.sample(
            ingeschreven, min(len(ingeschreven), self.aantal(700) - len(zonder_school))
        )
        self.thuiszitter_leerlingen = zonder_school + thuis

    def toestemmingen(self) -> None:
        """Consent rows (about 42,000 per 100,000 pupils) and the object permissions
        complete consent gives (as `accounts.services.sync_toegang` would)."""
        from django.contrib.auth.models import Permission

        from accounts.models import LeerlingUserObjectPermission, Toestemming

        rng = self.rng
        self.toestemming: dict[tuple[int, int], set[str]] = {}  # (pupil, org) -> kinds
        self.toestemmingsrijen: list[tuple] = []
        self.gevraagd: set[tuple[int, int, str]] = set()
        traject_ids = {r.id for r, _ in self.open_trajecten}
        for rij, _ in self.open_trajecten:
            soorten = ["mdo_deelname", "opp_inzage"]
            if rng.random() < 0.5:
                soorten.append("voorbereidingsstukken")
            compleet = rij.id in self.buiten_school or rng.random() < 0.8
            self.geef(rij, self.jeugdteam_van(rij)[0], soorten, compleet)
            if rng.random() < 0.25:
                aanbieder = rng.choice(self.aanbieder_ids)
                self.geef(rij, aanbieder, ["mdo_deelname"], rng.random() < 0.85)
        for rij in self.dichte_trajecten:
            self.geef(rij, self.jeugdteam_van(rij)[0], ["mdo_deelname"], rng.random() < 0.7)
        for rij in self.opp_leerlingen:
            if rij.id not in traject_ids and rng.random() < 0.4:
                self.geef(rij, self.jeugdteam_van(rij)[0], ["opp_inzage"], rng.random() < 0.85)
        for rij in self.thuiszitter_leerlingen:
            if rng.random() < 0.5:
                self.geef(rij, self.jeugdteam_van(rij)[0], ["mdo_deelname", "opp_inzage"], True)
        # The rest: JGZ, for pupils anywhere in the region.
        while len(self.toestemmingsrijen) < self.aantal(42000):
            rij = rng.choice(self.ingeschreven)
            self.geef(rij, self.jgz_id, ["mdo_deelname"], rng.random() < 0.9)
        self.kopieer(
            Toestemming,
            [
                "leerling_id",
                "soort",
                "ontvanger_organisatie_id",
                "gever_id",
                "status",
                "gevraagd_door_id",
                "vastgelegd_door_id",
                "gewijzigd_op",
            ],
            iter(self.toestemmingsrijen),
        )
        permissie = Permission.objects.get(
            codename="view_leerling", content_type__app_label="accounts"
        )
        self.kopieer(
            LeerlingUserObjectPermission,
            ["permission_id", "user_id", "content_object_id"],
            (
                (permissie.id, user_id, leerling_id)
                for leerling_id, org_id in self.toestemming
                for user_id in self.leden.get(org_id, [])
            ),
        )

    def geef(self, rij: Leerlingrij, org_id: int, soorten: list[str], compleet: bool) -> None:
        """The answers of everyone whose say counts (accounts/toestemming.py: parents with
        custody under 16, the pupil from 12). Incomplete: someone has not (yet) agreed."""
        # One answer per giver, receiver and kind (the table's unique constraints).
        soorten = [s for s in soorten if (rij.id, org_id, s) not in self.gevraagd]
        self.gevraagd.update((rij.id, org_id, s) for s in soorten)
        leeftijd = rij.leeftijd(self.vandaag)
        gevers = [] if leeftijd >= 16 else [o for o, gezag in rij.ouders if gezag]
        if leeftijd >= 12:
            gevers.append(None)
        if not gevers or not soorten:
            return
        gevraagd = self.moment(10, 600)
        ib = rij.school.ib if rij.school else self.ib_persona
        for soort in soorten:
            for i, gever in enumerate(gevers):
                status = "gegeven"
                if not compleet and i == len(gevers) - 1:
                    status = self.rng.choice(["gevraagd", "gevraagd", "geweigerd", "ingetrokken"])
                moment = gevraagd + timedelta(days=self.rng.uniform(0, 6))
                self.toestemmingsrijen.append(
                    (rij.id, soort, org_id, gever, status, ib, gever or ib, moment)
                )
        if compleet:
            self.toestemming.setdefault((rij.id, org_id), set()).update(soorten)

    def heeft(self, rij: Leerlingrij, org_id: int | None, soort: str) -> bool:
        return soort in self.toestemming.get((rij.id, org_id), ())

    def jeugdteam_van(self, rij: Leerlingrij) -> tuple[int, int]:
        """The pupil's jeugdteam and its medewerker for this pupil: the demo persona for
        De Regenboog and for half of Leiden."""
        plaats = rij.school.plaats if rij.school else "Leiden"
        org_id = self.jeugdteam_org[plaats]
        if rij.school and (
            rij.school.id == self.regenboog_id or (plaats == "Leiden" and rij.id % 2 == 0)
        ):
            return org_id, self.jeugdteam_persona
        medewerkers = self.jeugdteam_medewerkers[plaats]
        return org_id, medewerkers[rij.id % len(medewerkers)]
