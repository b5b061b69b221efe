# Issue 17: the contactpersonen of a school (vaste contactpersoon S(B)O, contactpersoon
# gemeentelijke toegang), see accounts/models/schoolcontacten.py.
import uuid

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_notificaties"),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalSchoolcontactpersoon",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "uuid",
                    models.UUIDField(
                        db_index=True, default=uuid.uuid4, editable=False, verbose_name="kenmerk"
                    ),
                ),
                (
                    "soort",
                    models.CharField(
                        choices=[
                            ("vaste_contactpersoon", "Vaste contactpersoon S(B)O"),
                            ("toegang", "Contactpersoon gemeentelijke toegang"),
                        ],
                        max_length=30,
                        verbose_name="soort",
                    ),
                ),
                (
                    "geldig_van",
                    models.DateField(
                        default=django.utils.timezone.localdate, verbose_name="geldig vanaf"
                    ),
                ),
                (
                    "geldig_tot",
                    models.DateField(blank=True, null=True, verbose_name="geldig tot en met"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "jeugdteam",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisatie",
                        verbose_name="jeugdteam",
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisatie",
                        verbose_name="school",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="contactpersoon",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical contactpersoon van een school",
                "verbose_name_plural": "historical contactpersonen van scholen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Schoolcontactpersoon",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "uuid",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="kenmerk"
                    ),
                ),
                (
                    "soort",
                    models.CharField(
                        choices=[
                            ("vaste_contactpersoon", "Vaste contactpersoon S(B)O"),
                            ("toegang", "Contactpersoon gemeentelijke toegang"),
                        ],
                        max_length=30,
                        verbose_name="soort",
                    ),
                ),
                (
                    "geldig_van",
                    models.DateField(
                        default=django.utils.timezone.localdate, verbose_name="geldig vanaf"
                    ),
                ),
                (
                    "geldig_tot",
                    models.DateField(blank=True, null=True, verbose_name="geldig tot en met"),
                ),
                (
                    "jeugdteam",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="schoolcontacten_van_team",
                        to="accounts.organisatie",
                        verbose_name="jeugdteam",
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="schoolcontactpersonen",
                        to="accounts.organisatie",
                        verbose_name="school",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schoolcontacten",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="contactpersoon",
                    ),
                ),
            ],
            options={
                "verbose_name": "contactpersoon van een school",
                "verbose_name_plural": "contactpersonen van scholen",
                "ordering": ["school__naam", "soort", "user__naam"],
                "indexes": [
                    models.Index(fields=["user", "soort"], name="schoolcontact_user_soort")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("geldig_tot__isnull", True),
                            ("geldig_tot__gte", models.F("geldig_van")),
                            _connector="OR",
                        ),
                        name="schoolcontactpersoon_periode",
                    )
                ],
            },
        ),
        # The role label names the school's own word: Ondersteuningscoördinator (IB'er).
        migrations.AlterField(
            model_name="beheergebeurtenis",
            name="rol",
            field=models.CharField(
                blank=True,
                choices=[
                    ("ondersteuningscoordinator", "Ondersteuningscoördinator (IB'er)"),
                    ("directeur", "Directeur"),
                    ("leerkracht", "Leerkracht / mentor"),
                    ("medewerker_jeugdteam", "Medewerker jeugdteam"),
                    ("vaste_contactpersoon", "Vaste contactpersoon S(B)O"),
                    ("medewerker_jeugdhulp", "Medewerker gespecialiseerde jeugdhulp"),
                    ("multidisciplinaire_begeleider", "Multidisciplinaire begeleider"),
                    ("consulent_swv", "Onderwijsspecialist / consulent SWV"),
                    ("leerplichtambtenaar", "Leerplichtambtenaar"),
                    ("jgz", "Jeugdarts / jeugdverpleegkundige"),
                    ("organisatiebeheerder", "Beheerder van de organisatie"),
                    ("beheerder", "Beheerder van de regio"),
                ],
                max_length=40,
                verbose_name="rol",
            ),
        ),
        migrations.AlterField(
            model_name="historicallidmaatschap",
            name="rol",
            field=models.CharField(
                choices=[
                    ("ondersteuningscoordinator", "Ondersteuningscoördinator (IB'er)"),
                    ("directeur", "Directeur"),
                    ("leerkracht", "Leerkracht / mentor"),
                    ("medewerker_jeugdteam", "Medewerker jeugdteam"),
                    ("vaste_contactpersoon", "Vaste contactpersoon S(B)O"),
                    ("medewerker_jeugdhulp", "Medewerker gespecialiseerde jeugdhulp"),
                    ("multidisciplinaire_begeleider", "Multidisciplinaire begeleider"),
                    ("consulent_swv", "Onderwijsspecialist / consulent SWV"),
                    ("leerplichtambtenaar", "Leerplichtambtenaar"),
                    ("jgz", "Jeugdarts / jeugdverpleegkundige"),
                    ("organisatiebeheerder", "Beheerder van de organisatie"),
                    ("beheerder", "Beheerder van de regio"),
                ],
                max_length=40,
                verbose_name="rol",
            ),
        ),
        migrations.AlterField(
            model_name="historicalroltoekenning",
            name="rol",
            field=models.CharField(
                choices=[
                    ("ondersteuningscoordinator", "Ondersteuningscoördinator (IB'er)"),
                    ("directeur", "Directeur"),
                    ("leerkracht", "Leerkracht / mentor"),
                    ("medewerker_jeugdteam", "Medewerker jeugdteam"),
                    ("vaste_contactpersoon", "Vaste contactpersoon S(B)O"),
                    ("medewerker_jeugdhulp", "Medewerker gespecialiseerde jeugdhulp"),
                    ("multidisciplinaire_begeleider", "Multidisciplinaire begeleider"),
                    ("consulent_swv", "Onderwijsspecialist / consulent SWV"),
                    ("leerplichtambtenaar", "Leerplichtambtenaar"),
                    ("jgz", "Jeugdarts / jeugdverpleegkundige"),
                    ("organisatiebeheerder", "Beheerder van de organisatie"),
                    ("beheerder", "Beheerder van de regio"),
                ],
                max_length=40,
                verbose_name="rol",
            ),
        ),
        migrations.AlterField(
            model_name="lidmaatschap",
            name="rol",
            field=models.CharField(
                choices=[
                    ("ondersteuningscoordinator", "Ondersteuningscoördinator (IB'er)"),
                    ("directeur", "Directeur"),
                    ("leerkracht", "Leerkracht / mentor"),
                    ("medewerker_jeugdteam", "Medewerker jeugdteam"),
                    ("vaste_contactpersoon", "Vaste contactpersoon S(B)O"),
                    ("medewerker_jeugdhulp", "Medewerker gespecialiseerde jeugdhulp"),
                    ("multidisciplinaire_begeleider", "Multidisciplinaire begeleider"),
                    ("consulent_swv", "Onderwijsspecialist / consulent SWV"),
                    ("leerplichtambtenaar", "Leerplichtambtenaar"),
                    ("jgz", "Jeugdarts / jeugdverpleegkundige"),
                    ("organisatiebeheerder", "Beheerder van de organisatie"),
                    ("beheerder", "Beheerder van de regio"),
                ],
                max_length=40,
                verbose_name="rol",
            ),
        ),
        migrations.AlterField(
            model_name="roltoekenning",
            name="rol",
            field=models.CharField(
                choices=[
                    ("ondersteuningscoordinator", "Ondersteuningscoördinator (IB'er)"),
                    ("directeur", "Directeur"),
                    ("leerkracht", "Leerkracht / mentor"),
                    ("medewerker_jeugdteam", "Medewerker jeugdteam"),
                    ("vaste_contactpersoon", "Vaste contactpersoon S(B)O"),
                    ("medewerker_jeugdhulp", "Medewerker gespecialiseerde jeugdhulp"),
                    ("multidisciplinaire_begeleider", "Multidisciplinaire begeleider"),
                    ("consulent_swv", "Onderwijsspecialist / consulent SWV"),
                    ("leerplichtambtenaar", "Leerplichtambtenaar"),
                    ("jgz", "Jeugdarts / jeugdverpleegkundige"),
                    ("organisatiebeheerder", "Beheerder van de organisatie"),
                    ("beheerder", "Beheerder van de regio"),
                ],
                max_length=40,
                verbose_name="rol",
            ),
        ),
    ]
