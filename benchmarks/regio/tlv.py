"""TLV requests through every status."""

from __future__ import annotations

from datetime import date, timedelta


class Tlvs:
    def tlvs(self) -> None:
        from accounts.models import Organisatie
        from arrangeren.tlv import regels
        from arrangeren.tlv.demo import GEBEURTENISSEN
        from arrangeren.tlv.models import (
            Bezwaar,
            Deskundigenadvies,
            Tlv,
            TlvAanvraag,
            TlvGebeurtenis,
            TlvInstelling,
        )

        rng = self.rng
        for swv in self.swv_ids:
            TlvInstelling.objects.get_or_create(swv_id=swv)
        kandidaten = [
            (traject_id, rij)
            for traject_id, rij, stap, status, *_ in self.traject_rijen
            if status == "open"
            and stap >= 6
            and rij.id in self.vastgestelde_opp
            and rij.school.swv_id
        ]
        gekozen = rng.sample(kandidaten, min(len(kandidaten), self.aantal(1000)))
        S = regels.Status
        statussen = rng.choices(
            [
                S.CONCEPT,
                S.INGEDIEND,
                S.IN_BEHANDELING,
                S.AANVULLING_GEVRAAGD,
                S.TOEGEKEND,
                S.AFGEWEZEN,
            ],
            weights=[10, 15, 15, 5, 40, 15],
            k=len(gekozen),
        )
        ids = iter(self.reserveer(TlvAanvraag, len(gekozen)))
        aanvragen, adviezen, gebeurtenissen, tlvs, bezwaren = [], [], [], [], []
        volgnummers: dict[tuple[int, int], int] = {}
        for swv, jaar, nummer in Tlv.objects.values_list("swv_id", "jaar", "volgnummer"):
            volgnummers[(swv, jaar)] = max(nummer, volgnummers.get((swv, jaar), 0))
        for (traject_id, rij), status in zip(gekozen, statussen, strict=True):
            aanvraag_id = next(ids)
            school = rij.school
            swv = school.swv_id
            besloten = status in regels.BESLOTEN
            dagen = rng.randint(60, 700) if besloten else rng.randint(1, 70)
            compleet = None if status == S.CONCEPT else self.nu - timedelta(days=dagen)
            beslist = compleet + timedelta(days=rng.randint(20, 40)) if besloten else None
            start = (compleet or self.nu).date() + timedelta(days=28)
            consulenten = self.swv_consulenten[swv]
            consulent = None
            if status not in (S.CONCEPT, S.INGEDIEND):
                consulent = consulenten[aanvraag_id % len(consulenten)] if consulenten else None
            soort = rng.choice(
                [regels.Soort.SBO, regels.Soort.SO] if school.po else [regels.Soort.VSO]
            )
            categorie = rng.choice(list(regels.Categorie)) if soort in regels.MET_CATEGORIE else ""
            einde = date(start.year + 2, 7, 31)
            if status == S.TOEGEKEND and rng.random() < 0.1:
                einde = self.vandaag + timedelta(days=rng.randint(10, 85))  # ends soon
            aangemaakt = (compleet or self.nu) - timedelta(days=rng.randint(5, 30))
            aanvragen.append(
                (
                    aanvraag_id,
                    self.uuid4(),
                    traject_id,
                    rij.id,
                    school.id,
                    swv,
                    self.vastgestelde_opp[rij.id],
                    soort,
                    categorie,
                    start,
                    einde if einde > start else start + timedelta(days=365),
                    "Ondanks een jaar extra ondersteuning blijft de ontwikkeling stilstaan.",
                    "Ons kind komt op een kleinere school beter tot zijn recht.",
                    status,
                    consulent,
                    compleet,
                    beslist,
                    "Het deskundigenadvies is overgenomen."
                    if status == S.TOEGEKEND
                    else "Eerst een arrangement op de eigen school."
                    if besloten
                    else "",
                    school.ib,
                    aangemaakt,
                )
            )
            for rang, deskundige, naam in (
                (1, regels.Deskundige.ORTHOPEDAGOOG, "drs. A. de Wit"),
                (2, regels.Deskundige.KINDERPSYCHIATER, "dr. K. Yilmaz"),
            ):
                adviezen.append(
                    (
                        aanvraag_id,
                        rang,
                        deskundige,
                        naam,
                        aangemaakt.date(),
                        f"Geadviseerd wordt {regels.Soort(soort).label}.",
                        soort,
                        school.ib,
                    )
                )
            gebeurtenissen.append(
                (aanvraag_id, "aangemaakt", "", "concept", school.ib, aangemaakt, "")
            )
            vorige = S.CONCEPT
            moment = compleet or aangemaakt
            for actie in GEBEURTENISSEN[status]:
                overgang = regels.OVERGANGEN[actie]
                door = (
                    school.ib if overgang.door == regels.Partij.SCHOOL else (consulent or school.ib)
                )
                gebeurtenissen.append(
                    (
                        aanvraag_id,
                        actie,
                        vorige,
                        overgang.naar,
                        door,
                        moment,
                        "Graag het verslag van de orthopedagoog bijvoegen."
                        if actie == regels.Actie.AANVULLING_VRAGEN
                        else "",
                    )
                )
                vorige = overgang.naar
                moment += timedelta(days=rng.randint(1, 10))
            if status == S.TOEGEKEND:
                jaar = beslist.year
                nummer = volgnummers.get((swv, jaar), 0) + 1
                volgnummers[(swv, jaar)] = nummer
                tlvs.append(
                    (
                        self.uuid4(),
                        aanvraag_id,
                        swv,
                        jaar,
                        nummer,
                        soort,
                        categorie,
                        start,
                        aanvragen[-1][10],
                        beslist,
                    )
                )
            if status == S.AFGEWEZEN and rng.random() < 0.1:
                bezwaren.append(
                    (self.uuid4(), aanvraag_id, beslist.date() + timedelta(days=20), school.ib)
                )
        self.kopieer(
            TlvAanvraag,
            [
                "id",
                "uuid",
                "traject_id",
                "leerling_id",
                "school_id",
                "swv_id",
                "opp_id",
                "soort",
                "categorie",
                "startdatum",
                "einddatum",
                "motivering",
                "zienswijze_ouders",
                "status",
                "consulent_id",
                "compleet_op",
                "beslist_op",
                "besluit_motivering",
                "aangemaakt_door_id",
                "aangemaakt_op",
            ],
            iter(aanvragen),
        )
        self.kopieer(
            Deskundigenadvies,
            [
                "aanvraag_id",
                "rang",
                "soort",
                "naam",
                "datum",
                "advies",
                "geadviseerd_soort",
                "gewijzigd_door_id",
            ],
            iter(adviezen),
        )
        self.kopieer(
            TlvGebeurtenis,
            ["aanvraag_id", "actie", "van_status", "naar_status", "door_id", "op", "notitie"],
            iter(gebeurtenissen),
        )
        swv_code = dict(Organisatie.objects.filter(pk__in=self.swv_ids).values_list("id", "code"))
        self.kopieer(
            Tlv,
            [
                "uuid",
                "aanvraag_id",
                "swv_id",
                "jaar",
                "volgnummer",
                "nummer",
                "soort",
                "categorie",
                "startdatum",
                "einddatum",
                "afgegeven_op",
            ],
            (
                (
                    u,
                    a,
                    swv,
                    jaar,
                    nr,
                    f"{swv_code[swv]}/{jaar}/{nr:04d}",
                    soort,
                    cat,
                    start,
                    eind,
                    op,
                )
                for u, a, swv, jaar, nr, soort, cat, start, eind, op in tlvs
            ),
        )
        self.kopieer(
            Bezwaar,
            [
                "uuid",
                "aanvraag_id",
                "ontvangen_op",
                "indiener",
                "omschrijving",
                "geregistreerd_door_id",
            ],
            (
                (u, a, op, "De ouders", "De ouders zijn het niet eens met de afwijzing.", door)
                for u, a, op, door in bezwaren
            ),
        )
