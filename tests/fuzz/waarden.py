"""What the fuzz tests send: hostile values by kind, and plans that turn a form as shown
into a request (a field changed, dropped, sent twice, or a field the form does not have).

A plan is data (`Plan`), so a failure names each change: field, kind of value and value.
The fixed plans (`vaste_plannen`) run for every form every time; hypothesis adds random
ones (`plannen`).
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import strategies as st

from tests.bestanden import pdf_bytes
from tests.fuzz.formulieren import Formulier, Veld

MB = 1024 * 1024
# The demo's password is "demo" (signing asks for it again).
INVULLING = {
    "number": "1",
    "email": "fuzz@demo.nl",
    "url": "https://example.org",
    "password": "demo",
}
GROOT = "x" * MB  # 1 MB in one field
LANG = "x" * 25_000  # over every length limit (the longest, an OPP text, is 20.000)
SHALOM = "\u05e9\u05dc\u05d5\u05dd"  # Hebrew, right to left
MARHABA = "\u0645\u0631\u062d\u0628\u0627"  # Arabic, right to left
RTL_EMOJI = f"\u202e{SHALOM} {MARHABA} 😀👨\u200d👩\u200d👧"

# Kind of value -> the values sent for it. Surrogates cannot occur in form data (a browser
# sends UTF-8), so they are left out.
SOORTEN: dict[str, tuple[str, ...]] = {
    "leeg": ("", " ", "\t\r\n"),
    "groot": (GROOT,),
    "lang": (LANG, "é" * 20_001),
    "nul": ("a\x00b", "\x00"),
    "rtl": ("\u202eabc\u202c", f"{SHALOM} abc", MARHABA),
    "emoji": ("😀", "👨\u200d👩\u200d👧\u200d👦🏳️\u200d🌈", "\U0010ffff"),
    "stuurteken": ("\x1b[31m\x07\x08", "\ufeff\u200b", "a\r\nb"),
    "getal_groot": ("1" + "0" * 30, "9" * 5000, "1e309", "inf", "NaN"),
    "getal_negatief": ("-1", "-99999999999999999999", "-0"),
    "getal_raar": ("١٢٣", "0x1F", " 7 ", "3,5", "1_000", "½"),
    "datum_fout": ("2026-13-45", "31-02-2026", "2026-02-30", "0000-00-00", "99999-01-01"),
    "datum_rand": ("9999-12-31", "0001-01-01", "1900-01-01"),
    "tijd_fout": ("25:61", "24:00", "-1:00", "12:00:99"),
    "id_fout": ("niet-een-uuid", "00000000-0000-0000-0000-000000000000", "0", "1 OR 1=1"),
    "id_ander": (),  # filled per test: ids of objects of another pupil (`ander_ids`)
    "opmaak": ("<script>alert(1)</script>", "{{ 7*7 }}", "%s%n", "=1+1", "' OR '1'='1"),
}


def ander_ids() -> tuple[str, ...]:
    """Ids that exist, of a pupil outside every persona's reach (another school)."""
    from accounts.models import Leerling

    andere = Leerling.objects.exclude(school__naam__contains="Regenboog").order_by("pk")[:1]
    return (*(str(leerling.uuid) for leerling in andere), "1", "2", str(2**31), str(2**63))


@dataclass(frozen=True)
class Wijziging:
    """One change to the form as shown: `veld` gets `waarden` (none: the field is left
    out), described as `soort` in a failure."""

    veld: str
    soort: str
    waarden: tuple = ()

    def __str__(self) -> str:
        voorbeeld = ", ".join(_kort(w) for w in self.waarden) or "weggelaten"
        return f"{self.veld}={self.soort} ({voorbeeld})"


@dataclass(frozen=True)
class Plan:
    """The form at `formulier` (index among the page's forms of this endpoint) with these
    changes, sent urlencoded or as multipart. The changes go onto the form as shown, or
    (`ingevuld`) onto the form with every empty field filled in the way a person would,
    so that one hostile field is the only thing wrong and reaches past the form."""

    naam: str
    formulier: int = 0
    wijzigingen: tuple[Wijziging, ...] = ()
    multipart: bool | None = None  # None: as the form says
    alles_weg: bool = False
    ingevuld: bool = True

    def __str__(self) -> str:
        delen = "; ".join(str(w) for w in self.wijzigingen) or "zoals getoond"
        return f"{self.naam} [formulier {self.formulier}]: {delen}"


def _kort(waarde) -> str:
    if isinstance(waarde, SimpleUploadedFile):
        return f"bestand {waarde.name!r} ({waarde.size} bytes)"
    tekst = str(waarde)
    return repr(tekst if len(tekst) <= 40 else f"{tekst[:20]}…({len(tekst)} tekens)")


# Files a user might pick.
def bestanden() -> dict[str, SimpleUploadedFile]:
    return {
        "bestand_pdf": SimpleUploadedFile("plan.pdf", pdf_bytes(), "application/pdf"),
        "bestand_leeg": SimpleUploadedFile("leeg.pdf", b"", "application/pdf"),
        "bestand_naam": SimpleUploadedFile(
            "\u202efdp.exe\x00.pdf", b"MZ\x90\x00", "application/octet-stream"
        ),
        "bestand_csv": SimpleUploadedFile("lijst.csv", "naam;\x00;é\n".encode(), "text/csv"),
    }


def ingevuld(formulier: Formulier) -> dict[str, list]:
    """The form as a person fills it in: each empty field gets a plain value of its kind
    (dates and times one after the other, so an end comes after its start), a choice
    its first option, a file a small real PDF."""
    gegevens = formulier.gegevens()
    # Today first (neither past nor future); with times of day, from tomorrow on.
    heeft_tijden = any(v.soort == "time" for v in formulier.velden.values())
    datums, tijden = int(heeft_tijden), 0
    for veld in formulier.velden.values():
        gevuld = gegevens.get(veld.naam, [""]) not in ([""], [])
        if gevuld or veld.soort in ("checkbox", "submit", "hidden"):
            continue
        if veld.soort in ("date", "datetime-local"):
            dag = timezone.localdate() + timedelta(days=20 * datums)
            datums += 1
            waarde = dag.isoformat() + ("T10:00" if veld.soort == "datetime-local" else "")
        elif veld.soort == "time":
            tijden += 1
            waarde = f"{9 + tijden:02d}:00"
        elif veld.soort == "file":
            waarde = SimpleUploadedFile("plan.pdf", pdf_bytes(), "application/pdf")
        else:
            waarde = next((o for o in veld.opties if o), None) or INVULLING.get(veld.soort, "Tekst")
        gegevens[veld.naam] = [waarde]
    return gegevens


def verzoek(formulier: Formulier, plan: Plan) -> tuple[dict | str, str | None]:
    """The body and content type for the test client's post() (content type None: the
    client's multipart)."""
    gegevens: dict[str, list] = (
        {} if plan.alles_weg else ingevuld(formulier) if plan.ingevuld else formulier.gegevens()
    )
    for wijziging in plan.wijzigingen:
        if wijziging.waarden:
            gegevens[wijziging.veld] = [_waarde(w) for w in wijziging.waarden]
        else:
            gegevens.pop(wijziging.veld, None)
    multipart = formulier.multipart if plan.multipart is None else plan.multipart
    heeft_bestand = any(isinstance(w, SimpleUploadedFile) for ws in gegevens.values() for w in ws)
    if multipart or heeft_bestand:
        return gegevens, None
    return urlencode(gegevens, doseq=True), "application/x-www-form-urlencoded"


def _waarde(waarde):
    if isinstance(waarde, SimpleUploadedFile):
        waarde.seek(0)
    return waarde


# The fixed plans --------------------------------------------------------------------------


def _voor(velden, soort: str, waarde, als=lambda veld: True) -> tuple[Wijziging, ...]:
    return tuple(Wijziging(v.naam, soort, (waarde,)) for v in velden if als(v))


def _soort(velden: list[Veld], *soorten: str) -> list[Veld]:
    return [v for v in velden if v.soort in soorten]


def _aflopend(datums: list[Veld], tijden: list[Veld]) -> tuple[Wijziging, ...]:
    """Each date (and time) before the one above it: an end before its start."""
    dagen = [(v, f"{2030 - i}-06-15") for i, v in enumerate(datums)]
    uren = [(v, f"{20 - 2 * i:02d}:00") for i, v in enumerate(tijden)]
    return tuple(Wijziging(v.naam, "aflopend", (w,)) for v, w in dagen + uren)


def _lang_en_groot(zichtbaar: list[Veld], tekst: Veld | None) -> list[tuple[str, tuple]]:
    """Every field far over any length limit, and one free-text field of 1 MB; in one
    request when that stays under Django's 2 MB limit on a request body."""
    lang = _voor(zichtbaar, "lang", LANG)
    groot = (Wijziging(tekst.naam, "groot", (GROOT,)),) if tekst else ()
    if len(LANG) * len(zichtbaar) + MB < 1.8 * MB:
        zonder = tuple(w for w in lang if not groot or w.veld != tekst.naam)
        return [("lang en 1 MB", zonder + groot)]
    return [("lang", lang), ("1 MB", groot)]


def vaste_plannen(formulier: Formulier, index: int) -> list[Plan]:
    """One plan per hostile kind, applied to every field it fits at once: Django checks a
    form's fields one by one, so one request covers each field. Hidden ids get theirs in
    plans of their own (a wrong id stops a view before it reads the other fields)."""
    velden = [v for v in formulier.velden.values() if v.naam != "csrfmiddlewaretoken"]
    zichtbaar = [v for v in velden if v.zichtbaar and v.soort not in ("file", "submit")]
    ids = [v for v in velden if v.id_achtig]
    datums = _soort(zichtbaar, "date", "datetime-local", "month", "week")
    tijden = _soort(zichtbaar, "time")
    tekst = next(iter(_soort(zichtbaar, "textarea") + [v for v in zichtbaar if v.tekst]), None)
    soorten: list[tuple[str, tuple]] = [
        ("alles leeg", _voor(zichtbaar, "leeg", "")),
        ("alles NUL", _voor(zichtbaar, "nul", "a\x00b")),
        ("ids met NUL", _voor(ids, "nul", "1\x00")),
        ("alles RTL en emoji", _voor(zichtbaar, "rtl+emoji", RTL_EMOJI)),
        *_lang_en_groot(zichtbaar, tekst),
        ("alles groot getal", _voor(zichtbaar, "getal_groot", "1" + "0" * 30)),
        ("ids groot getal", _voor(ids, "getal_groot", "9" * 30)),
        ("alles negatief", _voor(zichtbaar, "getal_negatief", "-1")),
        ("alles dubbel", tuple(Wijziging(v.naam, "dubbel", ("1", "2")) for v in velden)),
        ("datum 2026-13-45", _voor(datums, "datum_fout", "2026-13-45")),
        ("datum 9999-12-31", _voor(datums, "datum_rand", "9999-12-31")),
        ("datum 0001-01-01", _voor(datums, "datum_rand", "0001-01-01")),
        ("tijd 25:61", _voor(tijden, "tijd_fout", "25:61")),
        ("einde voor begin", _aflopend(datums, tijden) if len(datums + tijden) > 1 else ()),
        *((naam, _voor(_soort(velden, "file"), naam, b)) for naam, b in bestanden().items()),
    ]
    onbekend = (
        Wijziging("onbekend", "extra", ("x",)),
        Wijziging("x\x00y", "extra", ("\x00",)),
        Wijziging("csrfmiddlewaretoken", "extra", ("", "nep")),
    )
    # Filled in (with fields the form does not have, in the other encoding); "alles leeg"
    # below is the form as shown when nothing is filled in.
    anders = not formulier.multipart
    return [
        Plan("ingevuld", index, onbekend, multipart=anders),
        Plan("alles weg", index, alles_weg=True),
        *(Plan(naam, index, wijzigingen) for naam, wijzigingen in soorten if wijzigingen),
    ]


# Random plans -----------------------------------------------------------------------------


def _aannemelijk(veld: Veld) -> st.SearchStrategy:
    """Values a person could type or pick for this field."""
    if veld.opties:
        return st.sampled_from(veld.opties)
    if veld.soort in ("date", "datetime-local"):
        return st.dates().map(lambda d: d.isoformat())
    if veld.soort == "time":
        return st.times().map(lambda t: t.strftime("%H:%M"))
    if veld.soort == "number":
        return st.one_of(st.integers(-5, 500).map(str), st.decimals(0, 100, places=2).map(str))
    if veld.soort == "email":
        return st.emails()
    return st.text(max_size=30)


def _vijandig(ander: tuple[str, ...]) -> st.SearchStrategy:
    soorten = {**SOORTEN, "id_ander": ander}
    return st.sampled_from([(s, w) for s, ws in soorten.items() for w in ws])


# How often a field is kept as shown, given a value a person could enter, a hostile
# value, left out, or sent several times.
KEUZES = ["houden"] * 5 + ["aannemelijk"] * 3 + ["vijandig"] * 3 + ["weg", "meer"]


@st.composite
def _wijziging(draw, veld: Veld, ander: tuple[str, ...]) -> Wijziging | None:
    keuze = draw(
        st.sampled_from(["houden"] * 5 + ["aannemelijk"] * 3 + ["vijandig"] * 3 + ["weg", "meer"])
    )
    if keuze == "houden":
        return None
    if keuze == "weg":
        return Wijziging(veld.naam, "weggelaten")
    if veld.soort == "file":
        naam = draw(st.sampled_from(sorted(bestanden())))
        return Wijziging(veld.naam, naam, (bestanden()[naam],))
    if keuze == "aannemelijk":
        return Wijziging(veld.naam, "aannemelijk", (draw(_aannemelijk(veld)),))
    if keuze == "meer":
        waarden = draw(
            st.lists(st.one_of(_aannemelijk(veld), st.text(max_size=5)), min_size=2, max_size=4)
        )
        return Wijziging(veld.naam, "meervoudig", tuple(waarden))
    soort, waarde = draw(_vijandig(ander))
    return Wijziging(veld.naam, soort, (waarde,))


def plannen(formulieren: list[Formulier], ander: tuple[str, ...]) -> st.SearchStrategy:
    @st.composite
    def plan(draw) -> Plan:
        index = draw(st.integers(0, len(formulieren) - 1))
        velden = [v for v in formulieren[index].velden.values() if v.naam != "csrfmiddlewaretoken"]
        wijzigingen = [draw(_wijziging(v, ander)) for v in velden]
        if draw(st.integers(0, 3)) == 0:
            _soort, waarde = draw(_vijandig(ander))
            wijzigingen.append(
                Wijziging(draw(st.text(min_size=1, max_size=10)), "extra", (waarde,))
            )
        # At most one value of a megabyte: more is refused as too large (400) anyway.
        groot = [w for w in wijzigingen if w is not None and w.soort == "groot"]
        wijzigingen = [w for w in wijzigingen if w is not None and w not in groot[1:]]
        return Plan(
            "willekeurig",
            index,
            tuple(wijzigingen),
            multipart=draw(st.sampled_from([None, True, False])),
        )

    return plan()
