"""`manage.py cadangkan [BERKAS]`: the database and the uploaded files in one .tar.gz."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from akun.cadangan import cadangkan


class Command(BaseCommand):
    help = "Cadangkan basis data dan berkas unggahan ke satu berkas .tar.gz (lihat README)."

    def add_arguments(self, parser):
        parser.add_argument(
            "berkas",
            nargs="?",
            help="Berkas tujuan (bawaan: cadangan-advokasi-<waktu>.tar.gz di direktori kini).",
        )

    def handle(self, *args, berkas=None, **options):
        tujuan = Path(
            berkas or f"cadangan-advokasi-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        ).resolve()
        manifest = cadangkan(tujuan)
        total = sum(manifest["jumlah"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Cadangan ditulis ke {tujuan}: {total} rekaman dari "
                f"{len(manifest['jumlah'])} model, {len(manifest['berkas'])} berkas unggahan."
            )
        )
