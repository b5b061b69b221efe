"""The matrix's building blocks: the personas and one row's expectation."""

from dataclasses import dataclass, field

from tests.conftest import PERSONAS

ANONIEM = "anoniem"
IEDEREEN = [ANONIEM, *PERSONAS]
SAM_KRING = {"ib@demo.nl", "mentor@demo.nl", "ouder@demo.nl", "ouder2@demo.nl"}
OUDERS = {"ouder@demo.nl", "ouder2@demo.nl", "ouder.andere@demo.nl"}


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
