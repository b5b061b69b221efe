from django.db import models


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} zijn niet te wijzigen.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} zijn niet te verwijderen.")


class AppendOnlyModel(models.Model):
    """A record written once and never changed: log lines and domain events."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"Een {self._meta.verbose_name} is niet te wijzigen.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"Een {self._meta.verbose_name} is niet te verwijderen.")
