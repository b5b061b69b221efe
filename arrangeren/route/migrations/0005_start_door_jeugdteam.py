# Placeholder created for issue 17 so parallel work has a fixed migration chain;
# its owner fills in the operations.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("route", "0004_genodigde_handmatig_herinnerd_op"),
    ]

    operations = []
