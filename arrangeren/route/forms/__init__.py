"""Forms of the route, by subject. Validation of the domain lives in the services."""

from arrangeren.route.forms.mdo import (  # noqa: F401
    AntwoordForm,
    BeschikbaarheidForm,
    GenodigdeForm,
    LeerlinggesprekForm,
    MdoForm,
    TijdslotForm,
    UploadForm,
)
from arrangeren.route.forms.traject import (  # noqa: F401
    AfsluitenForm,
    KenmerkenForm,
    RegieForm,
    StapuitkomstForm,
    StapVerplaatsenForm,
    ToestemmingVragenForm,
    TrajectOpenForm,
    VoortgangForm,
)
from arrangeren.route.forms.velden import (  # noqa: F401
    GEVONDEN_LABEL,
    DateInput,
    PersoonKeuze,
    TimeInput,
    persoon_label,
    samen,
)
from arrangeren.route.forms.verslag import (  # noqa: F401
    VERSLAGSTAPPEN,
    AfspraakForm,
    DoelForm,
    RedenForm,
    VerslagForm,
)
