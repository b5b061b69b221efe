"""Fictional Dutch names, municipalities and schools for the region, and small helpers."""

from __future__ import annotations

import time
import unicodedata
import uuid
from contextlib import contextmanager

# The demo's Sam de Vries (accounts/management/commands/seed_demo.py: uuid5 of his key).
SAM = uuid.uuid5(uuid.UUID("5a3e1f7c-2b8d-4c1e-9f6a-0d7b3c2e1a90"), "sam-de-vries")
# The OPP of about ten pages whose PDF the benchmarks time (see `lang_opp`).
LANG_OPP = uuid.UUID("6e1c5a0b-3f4d-4b8a-9c2e-7d1f0a9b8c10")

# Names: fictional combinations of common Dutch first names and surnames.
_VOORNAMEN = """
Daan Emma Liam Julia Noah Mila Lucas Tess Finn Zoë Levi Sara Milan Yara Bram Lotte Adam Fenna Stef
Mohamed Nora Jesse Evi Thijs Saar Ayoub Lieke Ravi Isa Siem Hanna Sem Anna Luuk Sophie Mees Nina
Jens Fleur Ruben Lynn Teun Roos Gijs Elin Vera Jayden Maud Stijn Lisa Hugo Eva Tim Femke Max
Jan Liv Owen Ilse Jurre Lara Boaz Hailey Ibrahim Amira Yusuf Sanne Kees Marit Niek Floor
Joep Esmee Cas Iris Morris Demi Dex Zara Luca Bo Thomas Sofie Jasper Nova Olivier Fay Rayan Ella
Koen Jip Tygo Mirthe Wessel Amber Mats Romy Pim Yfke Ties Aya Lars Lina Job Nienke Guus Hidde
Julie Hamza Selin Kerem Elif Mehmet Zeynep Bilal Salma Dani Kiki Floris Anouk
"""
VOORNAMEN = _VOORNAMEN.split()
# "tussenvoegsel|achternaam", one per line.
_ACHTERNAMEN = """
|Jansen;de|Jong;van|Dijk;|Bakker;|Janssen;|Visser;|Smit;|Meijer;de|Boer;|Mulder;de|Groot;|Bos
|Vos;|Peters;|Hendriks;van|Leeuwen;|Dekker;|Brouwer;de|Wit;|Dijkstra;|Smits;de|Graaf;|Kok
van der|Meer;van der|Linden;|Jacobs;de|Haan;|Vermeulen;van den|Heuvel;van der|Veen;|Prins
van den|Broek;de|Bruijn;de|Vries;van der|Heijden;|Schouten;|Willems;van|Wijk;|Hoekstra;|Koster
|Huisman;|Kramer;|Kuipers;van|Vliet;|Maas;|Verhoeven;|Post;|Schipper;|Timmermans;|Groen;|Vink
|Gerritsen;|Bosman;|Kuiper;|Wouters;|Hermans;van|Beek;|Molenaar;|Verbeek;|Veenstra;|Kroon
|Brink;van|Dam;|Koning;|Yilmaz;|El Idrissi;|Kaya;|Demir;|Şahin;|Bouzid;|El Amrani;|Aydin;|Çelik
|Nguyen;|Pinas;|Soekhai;|Ramdin;|Tahiri;|Haddou;|Kartosen;|Wong;|Chen;|Kowalski;|Nowak;|Stam
van|Rijn;van der|Velden;|Zwart;|Hoogland;|Roos;ter|Horst;van|Os;|Blom;|Kloosterman;|Zijlstra
|Pronk;van|Wijngaarden;|Verschoor;|Langeveld;|Goossens;|Bleeker
"""
ACHTERNAMEN = [
    tuple(deel.strip().split("|")) for deel in _ACHTERNAMEN.replace("\n", ";").split(";") if deel
]
_VOLWASSENEN = """
Anna Fatima Linda Sevda Marieke Peter Karim Joost Erik Hasan Sandra Mark Esther Dennis Ingrid
Rob Monique Youssef Samira Wouter Nicole Bas Kim Arjen Naima Jeroen Miriam Sander Chantal Hakan
Ayşe Robert Judith Ahmed Hanneke Martijn Petra Vincent Mariska Ömer Leila Frank Saskia Jurgen
Ilona Michel Shanti Ramon Karin Tom Yvonne Koen Astrid Rachid Elise
"""
VOORNAMEN_VOLWASSEN = _VOLWASSENEN.split()

# Holland Rijnland: municipality, thousands of inhabitants, subregion (its pair of SWVs).
GEMEENTEN = [
    ("Leiden", 125, 1),
    ("Alphen aan den Rijn", 113, 3),
    ("Katwijk", 67, 2),
    ("Noordwijk", 44, 2),
    ("Teylingen", 38, 2),
    ("Nieuwkoop", 29, 3),
    ("Kaag en Braassem", 28, 3),
    ("Leiderdorp", 28, 1),
    ("Oegstgeest", 25, 1),
    ("Voorschoten", 25, 1),
    ("Lisse", 23, 2),
    ("Hillegom", 22, 2),
    ("Zoeterwoude", 9, 1),
]
SWV_NIEUW = {
    2: ("Duin- en Bollenstreek", "28-02"),
    3: ("Rijnstreek", "28-03"),
}
_SCHOOLNAMEN = (
    "De Vlinder|De Springplank|Het Kompas|De Zonnewijzer|De Kameleon|De Wilgen|Het Palet|"
    "De Horizon|De Sleutel|De Klimop|De Ark|De Fontein|De Morgenster|Het Anker|De Bolster|"
    "De Meander|Het Mozaïek|De Duizendpoot|De Singel|De Tweemaster|De Vuurtoren|De Zeester|"
    "De Lindeboom|De Eikenhorst|De Hoeksteen|Prins Willem-Alexander|Koningin Juliana|"
    "Dr. Schaepman|Sint Jozef|De Leeuwerik|De Merel|De Wielewaal|Het Startpunt|De Toekomst|"
    "De Waterlelie|De Parel|De Schakel|Het Ooievaarsnest|De Dolfijn|De Tandem|Het Klaverblad|"
    "De Zevensprong|De Boomgaard|De Molenwiek|Het Talent|De Globe|De Bron|Het Baken"
)
SCHOOLNAMEN = _SCHOOLNAMEN.split("|")
PO_SOORTEN = ["Basisschool", "CBS", "OBS", "RKBS", "IKC", "Daltonschool", "Montessorischool"]
_VO_NAMEN = (
    "Da Costa|Stedelijk|Bonaventura|Visser 't Hooft|Rijnlands|Leonardo|Erasmus|Herman Jordan|"
    "Groene Hart|Ichthus|Fioretti|Northgo|Pieter Groen|Teylingen|Agnieten|Rijnmond|Duinzicht|"
    "Vlietland|Clusius|Marecollege"
)
VO_NAMEN = _VO_NAMEN.split("|")
_ZORGAANBIEDERS = (
    "Kwadraad|Cardea|Curium|Ipse de Bruggen|Horizon Jeugdzorg|Prodeba|De Binnenvest|"
    "Youz|Lucertis|Levvel|Kinderpraktijk Rijnland|Jeugdhulp Duinstreek|Zorgboerderij De Linde|"
    "Dagbehandeling De Kikker|Autisme Centrum Rijnland|GGZ Rivierduinen Jeugd|Timon|"
    "Enver|Schoolmaatschappelijk Werk Rijnland|Leger des Heils Jeugd"
)
ZORGAANBIEDERS = _ZORGAANBIEDERS.split("|")


def ascii_slug(tekst: str) -> str:
    tekst = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "." for c in tekst.lower()).strip(".")


@contextmanager
def stap(naam: str):
    start = time.perf_counter()
    print(f"  {naam} ...", end="", flush=True)
    yield
    print(f" {time.perf_counter() - start:.1f} s", flush=True)
