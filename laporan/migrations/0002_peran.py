from django.db import migrations

from akun.roles import grant

CRUD = ["view", "add", "change", "delete"]

# Reports are the Komisi's papers for Rapat Teknis and Pleno BNSP: Staf Komisi and Admin write
# them, Pimpinan reads them. Fasilitators and BKSP users get nothing: a report's figures span every
# team and province, beyond the records those roles may read (see laporan.selectors).
ROLE_PERMS = {
    "Admin": {"laporan": [f"{a}_{m}" for m in ("laporan", "berkaslaporan") for a in CRUD]},
    "Staf Komisi": {"laporan": [f"{a}_{m}" for m in ("laporan", "berkaslaporan") for a in CRUD]},
    "Pimpinan": {"laporan": ["view_laporan", "view_berkaslaporan"]},
}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMS)


class Migration(migrations.Migration):
    dependencies = [("laporan", "0001_initial"), ("akun", "0002_roles")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
