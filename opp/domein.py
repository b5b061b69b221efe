"""The OPP's vocabulary as data: development domains, kinds of goals, who pays."""

from django.db import models


class Ontwikkelingsdomein(models.TextChoices):
    """The development domains a-e of an OPP goal (docs/opp.md, "Contents")."""

    EMOTIEREGULATIE = "emotieregulatie", "a. Emotieregulatie"
    ZELFREDZAAMHEID = "zelfredzaamheid", "b. Zelfredzaamheid"
    SOCIALE_VAARDIGHEDEN = "sociale_vaardigheden", "c. Sociale vaardigheden"
    SCHOOLSE_VAARDIGHEDEN = "schoolse_vaardigheden", "d. Schoolse / onderwijsvaardigheden"
    ONDERWIJS_EDUCATIE = "onderwijs_educatie", "e. Onderwijs (maatwerk) of educatie"


class Doelsoort(models.TextChoices):
    ONDERWIJS = "onderwijs", "Onderwijsdoel"
    JEUGDHULP = "jeugdhulp", "Jeugdhulpdoel"
    BEIDE = "beide", "Onderwijs en jeugdhulp"


class Bekostiging(models.TextChoices):
    ONDERWIJS = "onderwijs", "Onderwijs (school / SWV)"
    GEMEENTE = "gemeente", "Gemeente (jeugdhulp)"
    GEZAMENLIJK = "gezamenlijk", "Gezamenlijk"


class Uitstroomprofiel(models.TextChoices):
    """Exit profiles of the Dutch OPP (WPO/WEC/WVO)."""

    VERVOLGONDERWIJS = "vervolgonderwijs", "Vervolgonderwijs"
    ARBEIDSMARKT = "arbeidsmarkt", "Arbeidsmarktgericht"
    DAGBESTEDING = "dagbesteding", "Dagbesteding"
