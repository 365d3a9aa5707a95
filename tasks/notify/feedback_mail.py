"""Tell units by e-mail that the pipeline's feedback on their uploads is ready."""

from __future__ import annotations

import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage

from sqlmodel import Session, col, select

from models.settings import Settings
from models.tables import Account

# Python folds long encoded subjects and loses the space between two encoded words there:
# keep header lines whole (RFC 5322 allows 998 characters).
UNFOLDED = policy.SMTP.clone(max_line_length=998)
STATUS_WORDS = {
    "valid": "hợp lệ",
    "invalid": "có lỗi cần sửa",
    "unreadable": "không đọc được",
    "set_aside": "chưa xử lý được (đã báo quản trị viên)",
}


@dataclass(frozen=True)
class Processed:
    """One upload the run answered: whose, which file, and how it came out."""

    unit: str
    file_name: str
    status: str


def recipients(session: Session, units: Iterable[str]) -> dict[str, list[str]]:
    """Return the e-mail addresses of each unit's active accounts, by unit."""
    rows = session.exec(
        select(Account.unit_code, Account.email)
        .where(
            col(Account.unit_code).in_(sorted(set(units))),
            col(Account.email).is_not(None),
            col(Account.active).is_(True),
        )
        .order_by(col(Account.unit_code), col(Account.email))
    ).all()
    found: dict[str, list[str]] = {}
    for unit, email in rows:
        if unit and email:
            found.setdefault(unit, []).append(email)
    return found


def notices(
    processed: Iterable[Processed],
    addresses: dict[str, list[str]],
    *,
    sender: str,
    year: int,
    portal_url: str,
) -> list[EmailMessage]:
    """Return one Vietnamese notice per unit listing its answered uploads, by unit code."""
    by_unit: dict[str, list[Processed]] = {}
    for item in processed:
        by_unit.setdefault(item.unit, []).append(item)
    messages = []
    for unit in sorted(by_unit):
        if unit not in addresses:
            continue
        message = EmailMessage(policy=UNFOLDED)
        message["From"] = sender
        message["To"] = ", ".join(addresses[unit])
        message["Subject"] = f"[thidua] Đã có kết quả kiểm tra báo cáo năm {year}"
        lines = [
            "Kính gửi đơn vị,",
            "",
            f"Hệ thống thidua đã kiểm tra các tệp đơn vị tải lên cho năm {year}:",
        ]
        lines += [
            f"- {item.file_name}: {STATUS_WORDS.get(item.status, item.status)}"
            for item in sorted(by_unit[unit], key=lambda p: p.file_name)
        ]
        lines += [
            "",
            f"Xem chi tiết từng lỗi (trang tính, dòng, cột) và việc cần làm tại: {portal_url}",
            "",
            "Thư này được gửi tự động; xin đừng trả lời.",
        ]
        message.set_content("\n".join(lines))
        messages.append(message)
    return messages


def send(settings: Settings, messages: list[EmailMessage]) -> int:
    """Send the notices through the configured SMTP server; return how many were sent."""
    if not messages or not settings.smtp_host:
        return 0
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as server:
        if settings.smtp_starttls:
            server.starttls()
        if settings.smtp_username and settings.smtp_password:
            server.login(settings.smtp_username, settings.smtp_password.get_secret_value())
        for message in messages:
            server.send_message(message)
    return len(messages)
