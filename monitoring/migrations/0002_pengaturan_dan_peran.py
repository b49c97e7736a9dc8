from django.db import migrations

from akun.roles import grant

CRUD = ["view", "add", "change", "delete"]
ALL = [
    "instrumen",
    "aspek",
    "fokus",
    "indikator",
    "rencanamonitoring",
    "catatanmonitoring",
    "jawabanindikator",
    "progresrtl",
    "konfirmasimasalah",
    "pengaturanevaluasi",
]
# Instruments and thresholds are the Komisi's; plans and records are field work.
FIELD_WORK = [
    "rencanamonitoring",
    "catatanmonitoring",
    "jawabanindikator",
    "progresrtl",
    "konfirmasimasalah",
]


def perms(models, actions):
    return [f"{action}_{model}" for model in models for action in actions]


ROLE_PERMS = {
    "Admin": {"monitoring": perms(ALL, CRUD)},
    "Staf Komisi": {"monitoring": perms(ALL, CRUD)},
    "Fasilitator": {
        "monitoring": perms(FIELD_WORK, ["view", "add", "change"])
        + perms([m for m in ALL if m not in FIELD_WORK], ["view"])
    },
    "BKSP": {"monitoring": perms(ALL, ["view"])},
    "Pimpinan": {"monitoring": perms(ALL, ["view"])},
}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMS)
    apps.get_model("monitoring", "PengaturanEvaluasi").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial"), ("akun", "0002_roles")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
