from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class Mailvoorkeur(models.TextChoices):
    """How someone hears of a notification by e-mail (docs/meldingen.md). Everyone starts
    on DIRECT: a hand-over only works if the next person hears of it."""

    DIRECT = "direct", "Direct: een e-mail bij elke melding"
    DAGELIJKS = "dagelijks", "Eén e-mail per dag met de nieuwe meldingen"
    UIT = "uit", "Geen e-mail: ik kijk zelf bij Meldingen"


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. The e-mail address is the login name."""

    email = models.EmailField("e-mailadres", unique=True)
    naam = models.CharField("naam", max_length=200)
    is_active = models.BooleanField("actief", default=True)
    is_staff = models.BooleanField("toegang tot beheeromgeving", default=False)
    date_joined = models.DateTimeField("aangemaakt op", default=timezone.now)
    telefoon = models.CharField("telefoonnummer", max_length=30, blank=True)
    geactiveerd_op = models.DateTimeField(
        "geactiveerd op",
        null=True,
        blank=True,
        help_text="Leeg: uitgenodigd, nog geen eigen wachtwoord gekozen.",
    )
    mailvoorkeur = models.CharField(
        "e-mail bij meldingen",
        max_length=10,
        choices=Mailvoorkeur.choices,
        default=Mailvoorkeur.DIRECT,
    )
    uitgenodigd_door = models.ForeignKey(
        "self",
        verbose_name="uitgenodigd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Wie een account aanmaakte, bevestigt geen rol voor dat account.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["naam"]

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam or self.email

    def get_full_name(self) -> str:
        return self.naam

    def get_short_name(self) -> str:
        return self.naam.split(" ")[0] if self.naam else self.email

    @property
    def is_professional(self) -> bool:
        """Anyone with (or invited to) a role in an organisation. Professionals must log
        in with TOTP, also while their role still waits for confirmation."""
        return self.lidmaatschappen.exists() or self.roltoekenningen.exists()
