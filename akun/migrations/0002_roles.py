from django.db import migrations

from akun.roles import grant

CRUD = ["view", "add", "change", "delete"]


def perms(models, actions):
    return [f"{action}_{model}" for model in models for action in actions]


REGISTRY = ["sasaran", "lsp", "tuk"]
READ_REGISTRY = {"lsp": perms(REGISTRY + ["provinsi"], ["view"])}

ROLE_PERMS = {
    "Admin": {
        "lsp": perms(REGISTRY + ["provinsi"], CRUD),
        "akun": perms(["profil"], CRUD),
        "auth": perms(["user", "group"], CRUD),
    },
    "Staf Komisi": {"lsp": perms(REGISTRY, CRUD) + ["view_provinsi"]},
    "Fasilitator": READ_REGISTRY,
    "BKSP": READ_REGISTRY,
    "Pimpinan": READ_REGISTRY,
}


def create_roles(apps, schema_editor):
    grant(apps, ROLE_PERMS)


def drop_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("akun", "0001_initial"),
        ("lsp", "0002_provinsi"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, drop_roles)]
