"""SMTP: the only place that sends mail (smtplib)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from pipeline.config import NotifySettings


def send(settings: NotifySettings, message: EmailMessage) -> None:
    """Sends one message; raises OSError or smtplib.SMTPException when it could not be sent."""
    timeout = settings.timeout_seconds
    if settings.security == "ssl":
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    with client:
        if settings.security == "starttls":
            client.starttls(context=ssl.create_default_context())
        password = settings.password()
        if settings.username and password:
            client.login(settings.username, password)
        client.send_message(message)
