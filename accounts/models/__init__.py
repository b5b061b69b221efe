from .leerlingen import (
    Gezag,
    Leerling,
    LeerlingGroupObjectPermission,
    LeerlingUserObjectPermission,
)
from .organisaties import Lidmaatschap, Organisatie
from .toegangslog import AppendOnlyError, Toegangslog
from .users import User

__all__ = [
    "AppendOnlyError",
    "Gezag",
    "Leerling",
    "LeerlingGroupObjectPermission",
    "LeerlingUserObjectPermission",
    "Lidmaatschap",
    "Organisatie",
    "Toegangslog",
    "User",
]
