"""Background tasks of the monitoring app. Each is thin: it calls a service and returns."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from monitoring.aturan import temuan_catat_harian
from monitoring.pengingat import PengingatGagal, pengingat_kirim


# --- rule checks (monitoring.aturan) ------------------------------------------------------------
# Daily at 06:00 Asia/Jakarta (CELERY_BEAT_SCHEDULE). Idempotent: a rerun the same day replaces that
# day's logged findings. `tanggal` (ISO date) lets an operator re-log a given day.
@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def aturan_periksa_harian(tanggal: str | None = None) -> dict[str, int]:
    today = date.fromisoformat(tanggal) if tanggal else timezone.localdate()
    return temuan_catat_harian(today=today)


# --- reminders ----------------------------------------------------------------------------------
# Daily at 06:30 Asia/Jakarta (CELERY_BEAT_SCHEDULE). Safe to rerun: the service records each
# reminder once per user, item and day, and mails only what no run has mailed; a retry after a
# mail-server failure sends just the e-mails that failed.
@shared_task(
    acks_late=True,
    soft_time_limit=300,
    time_limit=360,
    autoretry_for=(PengingatGagal,),
    retry_backoff=300,
    max_retries=3,
)
def kirim_pengingat() -> int:
    return pengingat_kirim(today=timezone.localdate())
