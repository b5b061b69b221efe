"""A refused action as error messages on the next page, the same way in every app."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def meld_fout(request: HttpRequest, fout: Exception) -> None:
    """Each message of a refusal as an error on the next page: a ValidationError's
    messages, otherwise (PermissionDenied, say) the exception's text."""
    berichten = fout.messages if isinstance(fout, ValidationError) else [str(fout)]
    for bericht in berichten:
        messages.error(request, bericht)
