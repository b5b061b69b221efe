"""The fasenmodel, thuiszitters, jeugdhulp with hours, and the access log."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal


class Overig:
    def fasen(self) -> None:
        from fasenmodel.fasen import overgeslagen_fasen
        from fasenmodel.models import Faseovergang, Plaatsing

        rng = self.rng
        plaatsingen = []
        for rij in self.plaatsing_leerlingen:
            laatste = rng.choices([6, 5, 4, 3, 2, 1], weights=[30, 25, 20, 12, 8, 5])[0]
            reeks = [laatste]
            while reeks[0] < 6 and rng.random() < 0.5:
                reeks.insert(0, min(6, reeks[0] + rng.choice([1, 1, 2])))
            van = None
            maanden = len(reeks) * 8 + rng.randint(0, 10)
            for volgnummer, fase in enumerate(reeks):
                start = self.vandaag - timedelta(
                    days=30 * (maanden - volgnummer * 8) + rng.randint(0, 20)
                )
                soort, locatie = {
                    6: ("school", rij.school.naam),
                    5: ("school", rij.school.naam),
                    4: ("school", f"OZA-groep {rij.school.naam}"),
                    3: ("zorglocatie", "Zorgaanbieder De Horizon (demo)"),
                    2: ("dagbesteding", "Dagbesteding De Horizon (demo)"),
                    1: ("zorglocatie", "Zorgboerderij De Linde"),
                }[fase]
                plaatsingen.append((rij, fase, van, start, soort, locatie))
                van = fase
        ids = iter(self.reserveer(Plaatsing, len(plaatsingen)))
        rijen, overgangen = [], []
        reden = "Besproken in het MDO; ouders en leerling zijn akkoord."
        for rij, fase, van, start, soort, locatie in plaatsingen:
            plaatsing_id = next(ids)
            door, namens = rij.school.ib, rij.school.id
            if fase <= 3 and self.leerplicht_ids:
                door, namens = (
                    self.leerplicht_ids[rij.id % len(self.leerplicht_ids)],
                    self.leerplicht_id,
                )
            moment = datetime.combine(start, datetime.min.time(), tzinfo=self.nu.tzinfo)
            rijen.append(
                (
                    plaatsing_id,
                    self.uuid4(),
                    rij.id,
                    fase,
                    start,
                    soort,
                    locatie,
                    reden,
                    fase == 1 and rng.random() < 0.3,
                    door,
                    namens,
                    moment,
                )
            )
            overgeslagen = overgeslagen_fasen(van, fase)
            overgangen.append(
                (
                    rij.id,
                    plaatsing_id,
                    van,
                    fase,
                    start,
                    door,
                    reden,
                    bool(overgeslagen),
                    ", ".join(map(str, overgeslagen)),
                    moment,
                )
            )
        self.kopieer(
            Plaatsing,
            [
                "id",
                "uuid",
                "leerling_id",
                "fase",
                "startdatum",
                "locatiesoort",
                "locatie",
                "reden",
                "cognitieve_leerbehoefte",
                "besloten_door_id",
                "namens_id",
                "aangemaakt_op",
            ],
            iter(rijen),
        )
        self.kopieer(
            Faseovergang,
            [
                "leerling_id",
                "plaatsing_id",
                "van_fase",
                "naar_fase",
                "datum",
                "door_id",
                "reden",
                "overgeslagen",
                "overgeslagen_fasen",
                "tijdstip",
            ],
            iter(overgangen),
        )

    def thuiszitters(self) -> None:
        from fasenmodel.models import Procesregiebesluit, Thuiszitter
        from fasenmodel.thuiszitten import OORZAKEN

        rng = self.rng
        codes = [o.code for o in OORZAKEN]
        ids = iter(self.reserveer(Thuiszitter, len(self.thuiszitter_leerlingen)))
        rijen, besluiten = [], []
        for rij in self.thuiszitter_leerlingen:
            thuiszitter_id = next(ids)
            if rij.school is None:
                soort = rng.choice(["absoluut", "vrijstelling"])
            else:
                soort = "relatief" if rng.random() < 0.92 else "vrijstelling"
            dagen = rng.randint(5, 400)
            sinds = self.vandaag - timedelta(days=dagen)
            aanbod = rng.random() < 0.2
            beeindigd = (
                sinds + timedelta(days=rng.randint(1, dagen)) if rng.random() < 0.14 else None
            )
            door = self.leerplicht_ids[rij.id % len(self.leerplicht_ids)]
            rijen.append(
                (
                    thuiszitter_id,
                    self.uuid4(),
                    rij.id,
                    sinds,
                    soort,
                    json.dumps(rng.sample(codes, rng.randint(1, 2))),
                    rng.choice(
                        [
                            "Thuis.",
                            "Twee ochtenden zorgboerderij.",
                            "Thuis; soms naar de sportclub.",
                            "",
                        ]
                    ),
                    aanbod,
                    sinds + timedelta(days=rng.randint(1, dagen)) if aanbod else None,
                    beeindigd,
                    door,
                    self.nu - timedelta(days=dagen - 1),
                    self.nu - timedelta(days=rng.randint(0, dagen)),
                )
            )
            if rng.random() < 0.05:
                besluiten.append((thuiszitter_id, "leerplicht", door))
        self.kopieer(
            Thuiszitter,
            [
                "id",
                "uuid",
                "leerling_id",
                "sinds",
                "soort",
                "oorzaken",
                "dagbesteding",
                "aanbod_gestart",
                "aanbod_sinds",
                "beeindigd_op",
                "ingevoerd_door_id",
                "aangemaakt_op",
                "gewijzigd_op",
            ],
            iter(rijen),
        )
        self.kopieer(
            Procesregiebesluit,
            ["thuiszitter_id", "regievoerder", "reden", "door_id", "namens_id"],
            (
                (
                    t,
                    r,
                    "Het proces stagneert; leerplicht neemt de procesregie over.",
                    door,
                    self.leerplicht_id,
                )
                for t, r, door in besluiten
            ),
        )

    def jeugdhulp(self) -> None:
        from arrangeren.jeugdhulp.models import Jeugdhulpinzet, Urenregistratie

        rng = self.rng
        kandidaten = [
            (traject_id, rij)
            for traject_id, rij, stap, status, *_ in self.traject_rijen
            if status == "open"
            and stap >= 6
            and self.heeft(rij, self.jeugdteam_van(rij)[0], "mdo_deelname")
        ]
        gekozen = rng.sample(kandidaten, min(len(kandidaten), self.aantal(1200)))
        ids = iter(self.reserveer(Jeugdhulpinzet, len(gekozen)))
        inzet, uren, doelen = [], [], []
        for traject_id, rij in gekozen:
            inzet_id = next(ids)
            start = self.vandaag - timedelta(days=rng.randint(14, 250))
            einde = start + timedelta(days=rng.randint(60, 365))
            per_week = Decimal(rng.choice(["1.0", "2.0", "2.5", "3.0", "4.0"]))
            medewerker = self.jeugdteam_van(rij)[1]
            inzet.append(
                (
                    inzet_id,
                    self.uuid4(),
                    traject_id,
                    rng.choice(self.aanbieder_ids),
                    rng.choice(
                        ["begeleiding", "begeleiding", "behandeling", "jeugdhulp_op_school"]
                    ),
                    "Ambulante begeleiding thuis en op school.",
                    start,
                    einde,
                    per_week,
                    "gemeente",
                    medewerker,
                    self.moment(1, 200),
                )
            )
            maandag = start - timedelta(days=start.weekday())
            week = 0
            while maandag + timedelta(weeks=week) < self.vandaag and week < 16:
                uren.append((inzet_id, maandag + timedelta(weeks=week), per_week, medewerker))
                week += 1
            for doel_id in self.opp_doelen.get(rij.id, [])[:2]:
                doelen.append((inzet_id, doel_id))
        self.kopieer(
            Jeugdhulpinzet,
            [
                "id",
                "uuid",
                "traject_id",
                "aanbieder_id",
                "soort",
                "omschrijving",
                "start",
                "geplande_einde",
                "uren_per_week",
                "financiering",
                "geregistreerd_door_id",
                "geregistreerd_op",
            ],
            iter(inzet),
        )
        self.kopieer(Urenregistratie, ["inzet_id", "week", "uren", "door_id"], iter(uren))
        self.kopieer_m2m(
            Jeugdhulpinzet.doelen.through, ["jeugdhulpinzet_id", "oppdoel_id"], iter(doelen)
        )

    def toegangslog(self) -> None:
        """1,000,000 rows per 100,000 pupils over two years, in time order (as written)."""
        from accounts.models import Toegangslog
        from accounts.rollen import OUDER_LABEL, Rol

        rng = self.rng
        aantal = self.aantal(1_000_000)
        actief = [r for r, _ in self.open_trajecten] + self.opp_leerlingen
        leerlingen = self.ingeschreven
        ib_label = Rol.ONDERSTEUNINGSCOORDINATOR.label
        leraar_label = Rol.LEERKRACHT.label
        jeugdteam_label = Rol.MEDEWERKER_JEUGDTEAM.label
        onderdelen = {
            "bekijken": ["Leerlinggegevens", "Traject", "OPP", "MDO", "Fase en plaatsingen"],
            "zoeken": ["Leerlingenoverzicht", "Mijn werk", "Trajecten"],
            "afdrukken": ["OPP (pdf)"],
        }
        acties = ["bekijken"] * 6 + ["zoeken"] * 3 + ["afdrukken"]
        twee_jaar = 730 * 86400
        seconden = sorted(rng.random() * twee_jaar for _ in range(aantal))
        begin = self.nu - timedelta(seconds=twee_jaar)

        def rijen():
            for sec in seconden:
                rij = rng.choice(actief) if rng.random() < 0.4 else rng.choice(leerlingen)
                keuze = rng.random()
                actie = rng.choice(acties)
                if keuze < 0.55:
                    user, org, rol = rij.school.ib, rij.school.id, ib_label
                elif keuze < 0.85 and rij.mentor:
                    user, org, rol = rij.mentor, rij.school.id, leraar_label
                elif keuze < 0.93 and rij.ouders:
                    user, org, rol = rij.ouders[0][0], None, OUDER_LABEL
                else:
                    org, user = self.jeugdteam_van(rij)
                    rol = jeugdteam_label
                yield (
                    begin + timedelta(seconds=sec),
                    user,
                    org,
                    rol,
                    rij.id,
                    actie,
                    rng.choice(onderdelen[actie]),
                    f"10.{rng.randint(0, 3)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                )

        self.kopieer(
            Toegangslog,
            [
                "tijdstip",
                "gebruiker_id",
                "organisatie_id",
                "rol",
                "leerling_id",
                "actie",
                "onderdeel",
                "ip_adres",
            ],
            rijen(),
        )
