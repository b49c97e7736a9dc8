"""Backup and restore: `cadangkan` then `pulihkan` into a fresh database gives the same records
and the same files, checked by count per model and by sha256."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command

from akun.cadangan import jumlah_rekaman
from tests.akses.dunia import bangun_dunia
from tests.test_settings import run_with_settings

pytestmark = pytest.mark.django_db

COUNT_AND_HASH = (
    "import json, hashlib, django, pathlib\n"
    "from django.conf import settings\n"
    "django.setup()\n"
    "from akun.cadangan import jumlah_rekaman\n"
    "root = pathlib.Path(settings.MEDIA_ROOT)\n"
    "files = {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()\n"
    "         for p in root.rglob('*') if p.is_file()}\n"
    "print(json.dumps({'jumlah': jumlah_rekaman(), 'berkas': files}))\n"
)


def media_hashes(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_round_trip_into_an_empty_database_keeps_every_record_and_file(
    django_user_model, settings, tmp_path
):
    bangun_dunia(django_user_model)
    arsip = tmp_path / "cadangan.tar.gz"
    call_command("cadangkan", str(arsip), verbosity=0)
    counts = jumlah_rekaman()
    files = media_hashes(settings.MEDIA_ROOT)
    assert counts["advokasi.Rtl"] == 2 and counts["advokasi.HistoricalRtl"] >= 2
    assert len(files) == 10  # 8 evidence files, one import, one report

    env = {
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'baru.db'}",
        "MEDIA_ROOT": str(tmp_path / "media-baru"),
    }
    migrate = run_with_settings(["manage.py", "migrate", "--noinput", "-v", "0"], **env)
    assert migrate.returncode == 0, migrate.stderr
    restore = run_with_settings(["manage.py", "pulihkan", str(arsip)], **env)
    assert restore.returncode == 0, restore.stdout + restore.stderr
    assert "checksum dan jumlah cocok" in restore.stdout

    result = run_with_settings(["-c", COUNT_AND_HASH], **env)
    assert result.returncode == 0, result.stderr
    restored = json.loads(result.stdout.strip().splitlines()[-1])
    assert restored["jumlah"] == counts
    assert restored["berkas"] == files

    # The target is no longer empty: a second restore is refused and changes nothing.
    again = run_with_settings(["manage.py", "pulihkan", str(arsip)], **env)
    assert again.returncode != 0
    assert "tidak kosong" in again.stderr


def test_the_manifest_lists_counts_and_checksums(django_user_model, settings, tmp_path):
    bangun_dunia(django_user_model)
    arsip = tmp_path / "cadangan.tar.gz"
    call_command("cadangkan", str(arsip), verbosity=0)
    with tarfile.open(arsip) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile("manifest.json"))
        data = archive.extractfile("data.json").read()
    assert manifest["jumlah"] == jumlah_rekaman()
    assert manifest["data_sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["berkas"] == media_hashes(settings.MEDIA_ROOT)
    assert {f"media/{name}" for name in manifest["berkas"]} <= set(names)
    assert not any(name.startswith("/") or ".." in name for name in names)


def _tamper(arsip, out, *, member, content):
    with tarfile.open(arsip) as source, tarfile.open(out, "w:gz") as target:
        for info in source.getmembers():
            data = source.extractfile(info).read() if info.isfile() else None
            if info.name == member:
                data = content
                info.size = len(data)
            target.addfile(info, io.BytesIO(data) if data is not None else None)


def test_an_altered_file_is_refused_before_anything_is_loaded(
    django_user_model, settings, tmp_path
):
    bangun_dunia(django_user_model)
    arsip = tmp_path / "cadangan.tar.gz"
    call_command("cadangkan", str(arsip), verbosity=0)
    manifest = json.load(tarfile.open(arsip).extractfile("manifest.json"))
    name = next(iter(manifest["berkas"]))
    rusak = tmp_path / "rusak.tar.gz"
    _tamper(arsip, rusak, member=f"media/{name}", content=b"%PDF-1.4 diubah")
    with pytest.raises(CommandError, match="tidak cocok dengan checksum"):
        call_command("pulihkan", str(rusak), "--force", verbosity=0)


def test_restore_refuses_a_database_with_accounts_and_a_missing_file(django_user_model, tmp_path):
    django_user_model.objects.create_user("sudah_ada")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("pulihkan", str(tmp_path / "tidak-ada.tar.gz"), verbosity=0)
    (tmp_path / "x.tar.gz").write_bytes(b"bukan arsip")
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("pulihkan", str(tmp_path / "x.tar.gz"), verbosity=0)
