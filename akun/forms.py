from django.contrib.auth import forms as auth_forms
from django.db import transaction
from django.template import loader

from akun.tasks import send_email


class QueuedPasswordResetForm(auth_forms.PasswordResetForm):
    """Password reset whose mail goes out through the task queue."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(lambda: send_email.delay(subject, body, [to_email]))
