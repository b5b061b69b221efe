from .append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from .leerlingen import (
    Gezag,
    Leerling,
    LeerlingGroupObjectPermission,
    LeerlingUserObjectPermission,
)
from .organisaties import Lidmaatschap, Organisatie
from .toegangslog import Toegangslog
from .toestemming import Informatiesoort, Toestemming
from .users import User

__all__ = [
    "AppendOnlyError",
    "AppendOnlyModel",
    "AppendOnlyQuerySet",
    "Gezag",
    "Informatiesoort",
    "Leerling",
    "LeerlingGroupObjectPermission",
    "LeerlingUserObjectPermission",
    "Lidmaatschap",
    "Organisatie",
    "Toegangslog",
    "Toestemming",
    "User",
]
