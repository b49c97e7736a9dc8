"""`manage.py pulihkan BERKAS [--force]`: restore a backup made by `cadangkan`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from akun.cadangan import CadanganError, pulihkan


class Command(BaseCommand):
    help = (
        "Pulihkan cadangan dari `cadangkan` ke basis data kosong yang sudah di-migrate dan ke "
        "MEDIA_ROOT; checksum dan jumlah rekaman diperiksa."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="Berkas .tar.gz buatan `cadangkan`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Kosongkan basis data tujuan yang tidak kosong lebih dulu (semua data hilang).",
        )

    def handle(self, *args, berkas, force=False, **options):
        try:
            manifest = pulihkan(Path(berkas), paksa=force)
        except CadanganError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(manifest["jumlah"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Dipulihkan: {total} rekaman dari {len(manifest['jumlah'])} model, "
                f"{len(manifest['berkas'])} berkas unggahan; checksum dan jumlah cocok."
            )
        )
