"""A refused action as error messages on the next page, the same way in every app."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest


def meld_fout(request: HttpRequest, fout: Exception) -> None:
    """Each message of a refusal as an error on the next page: a ValidationError's
    messages, otherwise (PermissionDenied, say) the exception's text."""
    berichten = fout.messages if isinstance(fout, ValidationError) else [str(fout)]
    for bericht in berichten:
        messages.error(request, bericht)


@contextmanager
def als_melding(request: HttpRequest, gelukt: str | None = None) -> Iterator[None]:
    """Run a service call: its refusal (ValidationError, PermissionDenied) becomes error
    messages and the view answers as usual; without one, `gelukt` is shown."""
    try:
        yield
    except (ValidationError, PermissionDenied) as fout:
        meld_fout(request, fout)
    else:
        if gelukt:
            messages.success(request, gelukt)
