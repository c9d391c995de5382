"""Once made the staff roles; core.roles now keeps them in step after every migrate."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]

    operations = []
