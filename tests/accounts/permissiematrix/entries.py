"""The matrix's building blocks: the personas and one row's expectation."""

from dataclasses import dataclass, field

from tests.conftest import PERSONAS

ANONIEM = "anoniem"
IEDEREEN = [ANONIEM, *PERSONAS]
SAM_KRING = {"ib@demo.nl", "mentor@demo.nl", "ouder@demo.nl", "ouder2@demo.nl"}
OUDERS = {"ouder@demo.nl", "ouder2@demo.nl", "ouder.andere@demo.nl"}
# Not a demo persona: ouder2, Sam's father, after his custody ended (`Gezag.heeft_gezag`
# false). He hears about important matters, not the file (BW 1:377c, docs/rollen.md).
# A row that lists no status for him expects its `default`.
OUDER_ZONDER_GEZAG = "ouder2@demo.nl zonder gezag"


@dataclass
class Entry:
    """Expected status per persona; `default` for personas not listed."""

    default: int
    anoniem: int = 302
    per_persona: dict[str, int] = field(default_factory=dict)
    method: str = "get"
    kwargs: object = None
    logs_leerling: bool = False

    def expected(self, persona: str) -> int:
        if persona == ANONIEM:
            return self.anoniem
        return self.per_persona.get(persona, self.default)


def only(personas, status, otherwise):
    return {p: (status if p in personas else otherwise) for p in PERSONAS}
