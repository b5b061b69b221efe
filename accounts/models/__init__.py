from .append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from .beheer import Beheergebeurtenis, Emaillink, Roltoekenning
from .berichten import Bericht, Taakrun
from .bijlagen import Bijlage
from .escalatie import Escalatieniveau, Opschaling, OpschalingQuerySet
from .formulieren import Formulierinzending
from .importeren import Leerlingimport
from .inlogrem import Inlogrem
from .leerlingen import (
    Gezag,
    Leerling,
    LeerlingGroupObjectPermission,
    LeerlingUserObjectPermission,
    Overstap,
)
from .notificaties import Notificatie
from .organisaties import Lidmaatschap, Organisatie
from .schoolcontacten import Contactsoort, Schoolcontactpersoon
from .toegangslog import Toegangslog
from .toestemming import Informatiesoort, Toestemming
from .users import User

__all__ = [
    "AppendOnlyError",
    "AppendOnlyModel",
    "AppendOnlyQuerySet",
    "Beheergebeurtenis",
    "Bericht",
    "Bijlage",
    "Contactsoort",
    "Emaillink",
    "Escalatieniveau",
    "Formulierinzending",
    "Gezag",
    "Informatiesoort",
    "Inlogrem",
    "Leerling",
    "LeerlingGroupObjectPermission",
    "LeerlingUserObjectPermission",
    "Leerlingimport",
    "Lidmaatschap",
    "Notificatie",
    "Opschaling",
    "OpschalingQuerySet",
    "Organisatie",
    "Overstap",
    "Roltoekenning",
    "Schoolcontactpersoon",
    "Taakrun",
    "Toegangslog",
    "Toestemming",
    "User",
]
