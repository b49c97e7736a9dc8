from django.db import migrations

from akun.roles import grant

CRUD = ["view", "add", "change", "delete"]
ALL = [
    "tim",
    "survei",
    "permasalahan",
    "transisimasalah",
    "fgd",
    "pesertafgd",
    "alternatiftindakan",
    "kriteriaprioritas",
    "kelompokmasalah",
    "skorprioritas",
    "bimbingan",
    "bimbinganmasalah",
    "pesertabimbingan",
    "rtl",
    "lampiran",
]
# What a fasilitator records in the field for their own teams (scoped per object in selectors).
FIELD_WORK = [m for m in ALL if m not in ("tim", "kriteriaprioritas")]


def perms(models, actions):
    return [f"{action}_{model}" for model in models for action in actions]


ROLE_PERMS = {
    "Admin": {"advokasi": perms(ALL, CRUD)},
    "Staf Komisi": {"advokasi": perms(ALL, CRUD)},
    "Fasilitator": {
        "advokasi": perms(FIELD_WORK, ["view", "add", "change"])
        + perms(["tim", "kriteriaprioritas"], ["view"])
    },
    "BKSP": {"advokasi": perms(ALL, ["view"])},
    "Pimpinan": {"advokasi": perms(ALL, ["view"])},
}

KRITERIA = [
    ("Tingkat keakutan masalah", 40),
    ("Tuntutan mendesak masyarakat", 25),
    ("Tuntutan kebijakan nasional", 25),
    ("Lain-lain", 10),
]


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMS)
    Kriteria = apps.get_model("advokasi", "KriteriaPrioritas")
    for urutan, (nama, bobot) in enumerate(KRITERIA, start=1):
        Kriteria.objects.get_or_create(nama=nama, defaults={"bobot": bobot, "urutan": urutan})


class Migration(migrations.Migration):
    dependencies = [("advokasi", "0001_initial"), ("akun", "0002_roles")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
