"""Backup and restore of the whole system: the database and the uploaded files in one archive.

The archive (.tar.gz) holds
  data.json      every record (dumpdata with natural keys, history tables included);
  media/...      every uploaded file, under its path in MEDIA_ROOT;
  manifest.json  the number of records per model and the sha256 of data.json and of every file.

Content types and permissions are left out: `migrate` creates them on the target, and the records
refer to them by natural key. Sessions are left out: everyone logs in again after a restore.
A restore goes into a migrated database holding no user account (unless forced, which first
empties it), checks every checksum before loading anything, and checks the counts afterwards.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

FORMAT = 1
EXCLUDED = ("contenttypes", "auth.permission", "sessions")


class CadanganError(Exception):
    """A backup that cannot be restored here, with the reason in Indonesian."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _dumped_models():
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label for label in EXCLUDED if "." in label}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in excluded_apps:
            continue
        if meta.label_lower in excluded_models:
            continue
        yield model


def jumlah_rekaman() -> dict[str, int]:
    """Rows per model that a backup holds, e.g. {"advokasi.Rtl": 30000, ...}."""
    return {model._meta.label: model._default_manager.count() for model in _dumped_models()}


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def cadangkan(tujuan: Path) -> dict:
    """Write the archive to `tujuan`; returns the manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "data.json"
        # One transaction, so that the counts and the dump describe the same moment.
        with transaction.atomic():
            call_command(
                "dumpdata",
                *[f"--exclude={label}" for label in EXCLUDED],
                natural_foreign=True,
                natural_primary=True,
                output=str(data_path),
                verbosity=0,
            )
            counts = jumlah_rekaman()
        files = _media_files(media_root)
        manifest = {
            "format": FORMAT,
            "dibuat": timezone.now().isoformat(),
            "django": django.get_version(),
            "jumlah": counts,
            "data_sha256": _sha256(data_path),
            "berkas": {p.relative_to(media_root).as_posix(): _sha256(p) for p in files},
        }
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        partial = tujuan.with_name(tujuan.name + ".sebagian")
        with tarfile.open(partial, "w:gz") as archive:
            raw = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            info.mtime = int(datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(raw))
            archive.add(data_path, arcname="data.json")
            for path in files:
                archive.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
        # Renamed only when complete, so a crash never leaves a half archive under the real name.
        partial.replace(tujuan)
    return manifest


def basis_data_kosong() -> bool:
    """A migrated database nobody has used yet: no user account."""
    return not get_user_model().objects.exists()


def _extract(sumber: Path, work: Path) -> None:
    """Unpack the archive's regular files; refuse absolute paths, "..", links and devices
    (tarfile's own "data" filter is missing from some 3.11 builds)."""
    with tarfile.open(sumber, "r:gz") as archive:
        for member in archive:
            parts = Path(member.name).parts
            if member.name.startswith("/") or ".." in parts or not parts:
                raise CadanganError(f"Nama tidak aman di berkas cadangan: {member.name!r}.")
            if member.isdir():
                continue
            if not member.isfile():
                raise CadanganError(f"Isi bukan berkas biasa di cadangan: {member.name!r}.")
            target = work.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)


def pulihkan(sumber: Path, *, paksa: bool = False) -> dict:
    """Restore the archive at `sumber`; returns its manifest. Raises CadanganError."""
    if not sumber.is_file():
        raise CadanganError(f"Berkas cadangan {sumber} tidak ditemukan.")
    if not basis_data_kosong() and not paksa:
        raise CadanganError(
            "Basis data tujuan tidak kosong (sudah ada akun pengguna). Pulihkan ke basis data "
            "baru yang sudah di-migrate, atau pakai --force untuk mengosongkannya lebih dulu."
        )
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            _extract(sumber, work)
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise CadanganError(f"Berkas cadangan rusak atau bukan .tar.gz: {exc}") from exc
        try:
            manifest = json.loads((work / "manifest.json").read_text())
        except (OSError, ValueError) as exc:
            raise CadanganError("manifest.json tidak ada atau rusak di berkas cadangan.") from exc
        if manifest.get("format") != FORMAT:
            raise CadanganError(f"Format cadangan {manifest.get('format')!r} tidak dikenal.")
        data_path = work / "data.json"
        if not data_path.is_file() or _sha256(data_path) != manifest["data_sha256"]:
            raise CadanganError("data.json tidak cocok dengan checksum di manifest.")
        for name, expected in manifest["berkas"].items():
            path = work / "media" / name
            if not path.is_file() or _sha256(path) != expected:
                raise CadanganError(f"Berkas {name} hilang atau tidak cocok dengan checksum.")

        with transaction.atomic():
            if paksa:
                call_command("flush", interactive=False, verbosity=0)
            # The history rows come from the backup: loading the many-to-many links must not
            # write new ones (simple-history's m2m signal does not look at loaddata's `raw`).
            with override_settings(SIMPLE_HISTORY_ENABLED=False):
                call_command("loaddata", str(data_path), verbosity=0)
            counts = jumlah_rekaman()
            different = {
                label: (expected, counts.get(label))
                for label, expected in manifest["jumlah"].items()
                if counts.get(label) != expected
            }
            if different:
                # Rolls the load back: a restore is whole or not at all.
                raise CadanganError(f"Jumlah rekaman berbeda setelah pemulihan: {different}")

        for name in manifest["berkas"]:
            target = media_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / "media" / name, target)
        for name, expected in manifest["berkas"].items():
            if _sha256(media_root / name) != expected:
                raise CadanganError(f"Berkas {name} berubah saat disalin ke MEDIA_ROOT.")
    return manifest
