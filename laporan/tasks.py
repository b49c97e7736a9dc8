"""Background generation of a report's files (thin: the work is in laporan.pembuatan).

acks_late + reject_on_worker_lost: a worker killed mid-report (SIGKILL, out of memory) leaves
the message unacknowledged, and the broker hands it to another worker once the visibility timeout
has passed; pembuatan counts the attempts in the database and gives up visibly after three
redeliveries. Time limits are the project's (soft < hard < visibility timeout: tests/test_settings).
"""

from celery import shared_task

from laporan import pembuatan


@shared_task(acks_late=True, reject_on_worker_lost=True, bind=True)
def buat_berkas_laporan(self, berkas_id: int) -> str:
    return pembuatan.jalankan(berkas_id, task_id=self.request.id or "")
