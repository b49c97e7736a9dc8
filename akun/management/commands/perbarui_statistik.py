"""`manage.py perbarui_statistik`: refresh SQLite's query planner statistics (akun.statistik)."""

from django.core.management.base import BaseCommand

from akun.statistik import perbarui_statistik


class Command(BaseCommand):
    help = "Perbarui statistik perencana kueri SQLite (PostgreSQL memperbaruinya sendiri)."

    def handle(self, *args, **options):
        if perbarui_statistik():
            self.stdout.write(self.style.SUCCESS("Statistik SQLite diperbarui."))
        else:
            self.stdout.write("Bukan SQLite: statistik dikelola basis data itu sendiri.")
