"""Trajecten, MDOs with their invitees, and reports."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal


class Route:
    def trajecten(self) -> None:
        from arrangeren.route.models import (
            Stapovergang,
            Stapuitkomst,
            Traject,
            TrajectVoorwaarde,
            Voortgangsnotitie,
        )
        from arrangeren.route.stappen import STAP, Vastlegging, Voorwaarde

        rng = self.rng
        alle = [(r, stap, "open") for r, stap in self.open_trajecten] + [
            (r, rng.randint(6, 9), "afgesloten") for r in self.dichte_trajecten
        ]
        ids = iter(self.reserveer(Traject, len(alle)))
        self.traject_rijen = []  # (id, pupil, step, status, opened, regie org, regie user)
        trajecten, overgangen, uitkomsten, voorwaarden, notities = [], [], [], [], []
        for rij, stap, status in alle:
            traject_id = next(ids)
            geopend = self.moment(stap * 20 + 10, stap * 60 + 60)
            if status == "afgesloten":
                geopend -= timedelta(days=rng.randint(200, 700))
            if rij.id in self.buiten_school:
                org_id, door = self.jeugdteam_van(rij)
                regie = org_id
            else:
                door, org_id, regie = rij.school.ib, rij.school.id, rij.school.id
            cyclus = 2 if stap >= 4 and rng.random() < 0.1 else 1
            evaluatie = self.vandaag + timedelta(days=rng.randint(-40, 150)) if stap >= 6 else None
            trajecten.append(
                (
                    traject_id,
                    self.uuid4(),
                    rij.id,
                    door,
                    org_id,
                    rij.id in self.buiten_school,
                    regie,
                    stap,
                    cyclus,
                    status,
                    "Doelen bereikt; de ondersteuning loopt binnen de school verder."
                    if status == "afgesloten"
                    else "",
                    geopend,
                    evaluatie,
                )
            )
            self.traject_rijen.append((traject_id, rij, stap, status, geopend, regie, door))
            voorwaarden += [(traject_id, v, door, geopend) for v in Voorwaarde.values]
            momenten = sorted(geopend + (self.nu - geopend) * rng.random() for _ in range(stap))
            overgangen.append((traject_id, "start", None, 1, 1, door, geopend, ""))
            for naar in range(2, stap + 1):
                overgangen.append(
                    (traject_id, "volgende", naar - 1, naar, 1, door, momenten[naar - 1], "")
                )
            if status == "afgesloten":
                overgangen.append(
                    (traject_id, "afsluiten", stap, None, cyclus, door, self.moment(1, 90), "")
                )
            for nummer in range(1, stap):
                definitie = STAP[nummer]
                if definitie.vastlegging == Vastlegging.STAP and definitie.uitkomsten:
                    velden = {
                        veld: f"{label}: besproken met ouders en leerkracht op "
                        f"{momenten[nummer - 1]:%d-%m-%Y}."
                        for veld, label in definitie.uitkomsten
                    }
                    uitkomsten.append(
                        (traject_id, nummer, 1, json.dumps(velden), door, momenten[nummer - 1])
                    )
            if stap >= 7 and status == "open":
                for k in range(rng.randint(1, 3)):
                    notities.append(
                        (
                            traject_id,
                            cyclus,
                            rng.choice(
                                [
                                    "Begeleiding loopt volgens plan; rustiger in de klas.",
                                    "Twee afspraken gemist door ziekte; ingehaald.",
                                    "Ouders merken thuis verbetering in het dagritme.",
                                ]
                            ),
                            door,
                            org_id,
                            self.moment(k * 10 + 1, k * 10 + 30),
                        )
                    )
        self.kopieer(
            Traject,
            [
                "id",
                "uuid",
                "leerling_id",
                "geopend_door_id",
                "geopend_namens_id",
                "signaal_buiten_school",
                "regievoerder_id",
                "huidige_stap",
                "cyclus",
                "status",
                "afsluitreden",
                "geopend_op",
                "evaluatiedatum",
            ],
            iter(trajecten),
        )
        self.kopieer(
            TrajectVoorwaarde,
            ["traject_id", "voorwaarde", "bevestigd_door_id", "bevestigd_op"],
            iter(voorwaarden),
        )
        self.kopieer(
            Stapovergang,
            ["traject_id", "soort", "van_stap", "naar_stap", "cyclus", "door_id", "op", "notitie"],
            iter(overgangen),
        )
        self.kopieer(
            Stapuitkomst,
            ["traject_id", "stap", "cyclus", "velden", "bijgewerkt_door_id", "bijgewerkt_op"],
            iter(uitkomsten),
        )
        self.kopieer(
            Voortgangsnotitie,
            ["traject_id", "cyclus", "tekst", "door_id", "namens_id", "op"],
            iter(notities),
        )

    def mdos(self) -> None:
        """An MDO for every traject from step 3: planned (3), invitations out and still to
        come (4-5), held with a final report (6-9 and closed trajecten)."""
        from arrangeren.route.models import Genodigde, Leerlinggesprek, Mdo

        plannen = [t for t in self.traject_rijen if t[2] >= 3]
        ids = iter(self.reserveer(Mdo, len(plannen)))
        mdos, genodigden, gesprekken, verslagen = [], [], [], []
        for traject_id, rij, stap, status, geopend, _, voorzitter in plannen:
            mdo = self.mdo_rij(next(ids), traject_id, rij, stap, status, geopend, voorzitter)
            mdos.append(mdo)
            mdo_id, start, mdo_status, verstuurd = mdo[0], mdo[5], mdo[11], mdo[12]
            if mdo_status != "in_voorbereiding":
                genodigden += self.genodigden(mdo_id, rij, mdo_status, verstuurd)
            if mdo_status == "uitgenodigd" and not mdo[9] and self.rng.random() < 0.5:
                gesprekken.append((mdo_id, self.dag(1, 10), voorzitter))
            if mdo_status == "gehouden":
                verslagen.append((mdo_id, voorzitter, start))
        self.kopieer(
            Mdo,
            [
                "id",
                "uuid",
                "traject_id",
                "cyclus",
                "doel",
                "start",
                "eind",
                "locatie",
                "agenda",
                "leerling_aanwezig",
                "voorzitter_id",
                "status",
                "uitnodigingen_verstuurd_op",
                "aangemaakt_op",
            ],
            iter(mdos),
        )
        genodigde_ids = iter(self.reserveer(Genodigde, len(genodigden)))
        genodigden = [(next(genodigde_ids), *g) for g in genodigden]
        self.kopieer(
            Genodigde,
            [
                "id",
                "mdo_id",
                "user_id",
                "organisatie_id",
                "rol",
                "antwoord",
                "beantwoord_op",
                "uitgenodigd_op",
            ],
            iter(genodigden),
        )
        self.kopieer(
            Leerlinggesprek,
            [
                "mdo_id",
                "gevoerd_op",
                "gevoerd_door_id",
                "wat_goed_gaat",
                "wat_moeilijk_is",
                "wensen",
            ],
            (
                (
                    mdo_id,
                    op,
                    door,
                    "Gym en tekenen; de juf helpt als het druk is.",
                    "Rekenen en het lawaai in de klas.",
                    "Een rustig plekje en dat mama erbij is.",
                )
                for mdo_id, op, door in gesprekken
            ),
        )
        self.verslagen(verslagen, genodigden)

    def mdo_rij(self, mdo_id, traject_id, rij, stap, status, geopend, voorzitter) -> tuple:
        rng = self.rng
        if stap == 3:
            mdo_status = "in_voorbereiding"
            start = self.nu + timedelta(days=rng.randint(8, 40), hours=rng.randint(0, 6))
        elif stap in (4, 5) and status == "open":
            mdo_status = "uitgenodigd"
            start = self.nu + timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 6))
        else:
            mdo_status = "gehouden"
            start = geopend + (self.nu - geopend) * rng.uniform(0.3, 0.6)
        start = start.replace(minute=0, second=0, microsecond=0)
        verstuurd = None
        if mdo_status != "in_voorbereiding":
            verstuurd = min(start - timedelta(days=rng.randint(7, 21)), self.nu - timedelta(days=1))
        return (
            mdo_id,
            self.uuid4(),
            traject_id,
            1,
            "Samen bespreken wat nodig is om de ontwikkeling weer op gang te brengen.",
            start,
            start + timedelta(hours=1),
            rng.choice(["School, kamer van de IB'er", "Teams", "Jeugdteam, spreekkamer 2"]),
            "1. Opening\n2. Wat gaat goed\n3. Zorgen\n4. Doelen\n5. Afspraken"
            if rng.random() < 0.8
            else "",
            rij.leeftijd(self.vandaag) >= 12 and rng.random() < 0.6,
            voorzitter,
            mdo_status,
            verstuurd,
            verstuurd or self.moment(1, 10),
        )

    def genodigden(self, mdo_id, rij, mdo_status, verstuurd) -> list[tuple]:
        """Parents with custody, the pupil from 12, the coördinator and the mentor, and the
        jeugdteam's medewerker when the parents agreed (docs/route.md)."""
        genodigden = [(ouder, None, "ouder") for ouder, gezag in rij.ouders if gezag]
        if rij.leeftijd(self.vandaag) >= 12:
            genodigden.append((None, None, "leerling"))
        if rij.school is not None:
            genodigden.append((rij.school.ib, rij.school.id, "school"))
            if rij.mentor and rij.mentor != rij.school.ib:
                genodigden.append((rij.mentor, rij.school.id, "school"))
        org_id, medewerker = self.jeugdteam_van(rij)
        if self.heeft(rij, org_id, "mdo_deelname"):
            genodigden.append((medewerker, org_id, "extern"))
        antwoorden = ["komt"] * 9 + ["komt_niet"]
        if mdo_status != "gehouden":
            antwoorden = ["geen", "geen", "komt", "komt", "komt_niet"]
        rijen = []
        for user_id, org_id, rol in genodigden:
            antwoord = self.rng.choice(antwoorden)
            beantwoord = verstuurd + timedelta(days=self.rng.randint(1, 5))
            rijen.append(
                (
                    mdo_id,
                    user_id,
                    org_id,
                    rol,
                    antwoord,
                    beantwoord if antwoord != "geen" else None,
                    verstuurd,
                )
            )
        return rijen

    def verslagen(self, verslagen: list[tuple], genodigden: list[tuple]) -> None:
        """A final report for every MDO held: who came, two or three goals, agreements."""
        from arrangeren.route.models import Afspraak, Doel, Mdoverslag

        rng = self.rng
        komt: dict[int, list[int]] = {}
        for genodigde_id, mdo_id, _, _, _, antwoord, *_ in genodigden:
            if antwoord == "komt":
                komt.setdefault(mdo_id, []).append(genodigde_id)
        velden = json.dumps(
            {
                "ondersteuningsbehoeften": "Structuur, voorspelbaarheid en korte instructies.",
                "wat_goed_gaat": "Goede band met de leerkracht; sportief.",
                "wat_beter_kan": "Omgaan met spanning; plannen van werk.",
                "bijdrage_ouders_kind": "Vast dagritme thuis; wekelijks contact met school.",
                "integratief_beeld": "Spanning thuis en op school versterken elkaar.",
                "regieafspraken": "School over het OPP, jeugdteam over het gezinsplan.",
                "overbrugging": "Tot de hulp start belt de mentor wekelijks met de ouders.",
            }
        )
        ids = iter(self.reserveer(Mdoverslag, len(verslagen)))
        rijen, doelen, aanwezig = [], [], []
        for mdo_id, voorzitter, start in verslagen:
            verslag_id = next(ids)
            vastgesteld = start + timedelta(days=rng.randint(1, 6))
            rijen.append(
                (
                    verslag_id,
                    mdo_id,
                    1,
                    "definitief",
                    velden,
                    "Arrangement op school met begeleiding vanuit het jeugdteam.",
                    vastgesteld.date() + timedelta(days=120),
                    voorzitter,
                    vastgesteld,
                    voorzitter,
                    vastgesteld,
                )
            )
            aanwezig += [(verslag_id, g) for g in komt.get(mdo_id, [])]
            doelen += [(verslag_id, v, vastgesteld.date()) for v in range(1, rng.randint(3, 4))]
        self.kopieer(
            Mdoverslag,
            [
                "id",
                "mdo_id",
                "versie",
                "status",
                "velden",
                "besluiten",
                "evaluatiedatum",
                "gewijzigd_door_id",
                "gewijzigd_op",
                "vastgesteld_door_id",
                "vastgesteld_op",
            ],
            iter(rijen),
        )
        self.kopieer_m2m(
            Mdoverslag.aanwezigen.through, ["mdoverslag_id", "genodigde_id"], iter(aanwezig)
        )
        ids = iter(self.reserveer(Doel, len(doelen)))
        doelen = [(next(ids), *doel) for doel in doelen]
        domeinen = ["emotieregulatie", "zelfredzaamheid", "sociale_vaardigheden"]
        self.kopieer(
            Doel,
            ["id", "verslag_id", "volgorde", "domein", "soort", "omschrijving"],
            (
                (
                    doel_id,
                    verslag_id,
                    volgorde,
                    domeinen[volgorde % len(domeinen)],
                    rng.choice(["onderwijs", "jeugdhulp", "beide"]),
                    "Herkent spanning en vraagt zelf om een time-out.",
                )
                for doel_id, verslag_id, volgorde, _ in doelen
            ),
        )
        self.kopieer(
            Afspraak,
            ["doel_id", "inzet", "uitvoerder", "vanaf", "uren_per_week"],
            (
                (doel_id, "Begeleiding in de klas", "Intern begeleider", vanaf, Decimal("1.5"))
                for doel_id, _, _, vanaf in doelen
            ),
        )
