"""The one shape of an uploaded document (docs/adr/0006-bijlagen.md).

MDO preparation documents, OPP attachments and TLV attachments each keep their own table
with a real foreign key to their owner (integrity, cascade and the owner's permission
check stay plain), and share these fields, the storage name and the one upload service
`accounts.uploads.bewaar_bijlage`.
"""

import uuid

from django.conf import settings
from django.db import models


def bijlage_pad(instance, filename) -> str:
    """A random name under the owner's folder: no pupil's name or file name on disk."""
    return f"{instance.opslagmap}/{uuid.uuid4().hex}"


class Bijlage(models.Model):
    # The folder under MEDIA_ROOT (outside the web root) each kind is stored in.
    opslagmap = "bijlagen"

    uuid = models.UUIDField("kenmerk", default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField("titel", max_length=200)
    bestand = models.FileField("bestand", upload_to=bijlage_pad, max_length=200)
    bestandsnaam = models.CharField("bestandsnaam", max_length=200)
    mimetype = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField("grootte in bytes")
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geupload_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["geupload_op"]

    def __str__(self) -> str:
        return self.titel
