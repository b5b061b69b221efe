"""OPPs with goals, inzet and signature requests."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from regio.basis import Leerlingrij


class Opps:
    def opps(self) -> None:
        """OPP versions (15% of the pupils have a second), goals with their inzet, and the
        signatures asked and given."""
        from opp.models import Opp

        rng = self.rng
        versies = []
        for rij in self.opp_leerlingen:
            aantal = 2 if rng.random() < 0.15 else 1
            laatste = rng.choices(["vastgesteld", "ter_ondertekening", "concept"], [55, 25, 20])[0]
            versies += [
                (rij, v, laatste if v == aantal else "vervangen") for v in range(1, aantal + 1)
            ]
        ids = iter(self.reserveer(Opp, len(versies)))
        self.vastgestelde_opp: dict[int, int] = {}
        opps, doelen, handtekeningen = [], [], []
        for rij, versie, status in versies:
            opp = self.opp_rij(next(ids), rij, versie, status)
            opps.append(opp)
            if status == "vastgesteld":
                self.vastgestelde_opp[rij.id] = opp[0]
            doelen += [(opp[0], rij, volgorde) for volgorde in range(1, rng.randint(3, 5))]
            if status != "concept":
                handtekeningen += self.handtekeningen(opp[0], rij, status, opp[18])
        self.kopieer(
            Opp,
            [
                "id",
                "uuid",
                "leerling_id",
                "versie",
                "status",
                "school_id",
                "uitstroomprofiel",
                "uitstroombestemming",
                "belemmerende_factoren",
                "bevorderende_factoren",
                "onderbouwing",
                "ondersteuningsbehoeften",
                "integratief_beeld",
                "afwijkingen",
                "regieafspraken",
                "overbrugging",
                "evaluatiedatum",
                "gemaakt_door_id",
                "gemaakt_op",
                "gewijzigd_op",
                "verstuurd_door_id",
                "vastgesteld_op",
            ],
            iter(opps),
        )
        self.oppdoelen(doelen)
        self.ondertekeningen(handtekeningen)

    def opp_rij(self, opp_id: int, rij: Leerlingrij, versie: int, status: str) -> tuple:
        rng = self.rng
        gemaakt = self.moment(30 + (2 - versie) * 200, 200 + (2 - versie) * 300)
        vastgesteld = None
        if status in ("vastgesteld", "vervangen"):
            vastgesteld = gemaakt + timedelta(days=rng.randint(10, 40))
        return (
            opp_id,
            self.uuid4(),
            rij.id,
            versie,
            status,
            rij.school.id,
            rng.choice(["vervolgonderwijs", "arbeidsmarkt", "dagbesteding"]),
            rng.choice(["vmbo-basis", "vmbo-kader", "praktijkonderwijs", "havo", "vso"]),
            "Snel overprikkeld; weinig vertrouwen in eigen kunnen.",
            "Sportief; betrokken ouders; goede band met de mentor.",
            "De toetsresultaten en het oordeel van de leerkracht wijzen op dit niveau.",
            "Voorspelbaarheid, een rustige werkplek en korte instructies.",
            "Met structuur op school en thuis kan de leerling zich weer op leren richten.",
            "Twee ochtenden per week een uur in de prikkelarme ruimte.",
            "De school heeft de regie over het OPP; het jeugdteam over het gezinsplan.",
            "Tot de begeleiding start belt de mentor wekelijks met de ouders.",
            self.vandaag + timedelta(days=rng.randint(-60, 200)),
            rij.school.ib,
            gemaakt,
            gemaakt + timedelta(days=3),
            rij.school.ib if status != "concept" else None,
            vastgesteld,
        )

    def handtekeningen(self, opp_id, rij, status, gemaakt) -> list[tuple]:
        """Parents with custody, the school and (with consent) the jeugdteam's medewerker;
        all signed once the version is fixed, some still asked while it is out."""
        rng = self.rng
        klaar = status != "ter_ondertekening"
        rijen = [
            (opp_id, ouder, "ouder", None, klaar or rng.random() < 0.4, gemaakt)
            for ouder, gezag in rij.ouders
            if gezag
        ]
        ib = rij.school.ib
        rijen.append((opp_id, ib, "school", rij.school.id, klaar or rng.random() < 0.6, gemaakt))
        org_id, medewerker = self.jeugdteam_van(rij)
        if self.heeft(rij, org_id, "opp_inzage"):
            rijen.append((opp_id, medewerker, "toegang", org_id, klaar, gemaakt))
        return rijen

    def oppdoelen(self, doelen: list[tuple]) -> None:
        from opp.models import Inzet, OppDoel

        rng = self.rng
        ids = iter(self.reserveer(OppDoel, len(doelen)))
        self.opp_doelen: dict[int, list[int]] = {}
        domeinen = [
            "emotieregulatie",
            "zelfredzaamheid",
            "sociale_vaardigheden",
            "schoolse_vaardigheden",
            "onderwijs_educatie",
        ]
        omschrijvingen = [
            "Herkent spanning en vraagt zelf om een time-out.",
            "Plant de weektaak met een visueel planbord.",
            "Werkt twintig minuten zelfstandig aan een taak.",
            "Maakt contact met klasgenoten in de pauze.",
        ]
        rijen, inzet = [], []
        for opp_id, rij, volgorde in doelen:
            doel_id = next(ids)
            self.opp_doelen.setdefault(rij.id, []).append(doel_id)
            soort = rng.choice(["onderwijs", "jeugdhulp", "beide"])
            rijen.append(
                (
                    doel_id,
                    opp_id,
                    volgorde,
                    rng.choice(domeinen),
                    soort,
                    rng.choice(omschrijvingen),
                    "In 4 van de 5 gevallen zonder aansporing.",
                )
            )
            jeugdteam = self.jeugdteam_van(rij)[0]
            for k in range(rng.randint(1, 3)):
                vanaf = self.dag(0, 200)
                uren = Decimal(rng.choice(["1.0", "1.5", "2.0", "3.0"]))
                if soort != "onderwijs" and k == 0:
                    wat = ("Gezinsbegeleiding rond ritme en slaap", "Jeugdteam", jeugdteam)
                    inzet.append((doel_id, *wat, vanaf, uren, "gemeente"))
                else:
                    wat = ("Time-outplek en -kaart in de klas", "Mentor", None)
                    inzet.append((doel_id, *wat, vanaf, uren, "onderwijs"))
        self.kopieer(
            OppDoel,
            ["id", "opp_id", "volgorde", "domein", "soort", "omschrijving", "criterium"],
            iter(rijen),
        )
        self.kopieer(
            Inzet,
            ["doel_id", "wat", "wie", "organisatie_id", "vanaf", "uren_per_week", "bekostiging"],
            iter(inzet),
        )

    def ondertekeningen(self, handtekeningen: list[tuple]) -> None:
        """Each signed answer carries the canonical content it covered (opp/inhoud.py)."""
        from opp.inhoud import canoniek, sha256
        from opp.models import Ondertekening, Opp

        rng = self.rng
        inhoud = {}
        for opp in (
            Opp.objects.filter(pk__in={h[0] for h in handtekeningen if h[4]})
            .select_related("leerling")
            .prefetch_related("doelen__inzet")
        ):
            tekst = canoniek(opp, opp.doelen.all())
            inhoud[opp.pk] = (tekst, sha256(tekst))
        rijen = []
        for opp_id, user_id, partij, namens, klaar, gevraagd in handtekeningen:
            antwoord = (None, "", "", "")
            if klaar:
                methode = "code" if partij == "ouder" else "wachtwoord"
                antwoord = (gevraagd + timedelta(days=rng.randint(1, 9)), methode, *inhoud[opp_id])
            status = "getekend" if klaar else "gevraagd"
            rijen.append((opp_id, user_id, partij, namens, status, gevraagd, *antwoord))
        self.kopieer(
            Ondertekening,
            [
                "opp_id",
                "ondertekenaar_id",
                "partij",
                "namens_id",
                "status",
                "gevraagd_op",
                "beantwoord_op",
                "methode",
                "inhoud",
                "inhoud_hash",
            ],
            iter(rijen),
        )
