from celery import shared_task
from django.core.mail import send_mail

from akun.statistik import perbarui_statistik


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    """Send one e-mail outside the web request, so a slow mail server never blocks a page."""
    return send_mail(subject, body, None, recipients)


@shared_task
def perbarui_statistik_db() -> bool:
    """Every morning: fresh planner statistics for SQLite (akun.statistik)."""
    return perbarui_statistik()
