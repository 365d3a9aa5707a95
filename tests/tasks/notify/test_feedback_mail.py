"""Units are told by e-mail that their feedback is ready: through a real local SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from models.database import session_scope, upgrade
from models.settings import Settings
from tasks.accounts.store import add_account
from tasks.notify.feedback_mail import Processed, notices, recipients, send
from tasks.registry.upsert import import_registry
from tests.conftest import free_port

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"


class Mailbox:
    """An SMTP handler that keeps what it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


def test_each_unit_with_an_address_gets_one_notice_in_vietnamese(
    database_url: str, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    upgrade(database_url)
    with session_scope(database_url) as session:
        import_registry(session, path=REGISTRY)
        add_account(
            session,
            username="yte",
            full_name="Văn thư Sở Y tế",
            password="mat-khau-dai",
            unit_code="SO-YT",
            email="vanthu@soyte.example",
        )
        add_account(
            session,
            username="tp",
            full_name="Sở Tư pháp",
            password="mat-khau-dai",
            unit_code="SO-TP",
        )
    processed = [
        Processed("SO-YT", "bao-cao.xlsx", "invalid"),
        Processed("SO-YT", "bao-cao-sua.xlsx", "valid"),
        Processed("SO-TP", "bc.xlsx", "valid"),  # no address: no notice
    ]
    with session_scope(database_url) as session:
        addresses = recipients(session, {p.unit for p in processed})
    assert addresses == {"SO-YT": ["vanthu@soyte.example"]}
    messages = notices(
        processed, addresses, sender="thidua@tinh.example", year=2025, portal_url="http://cong"
    )
    settings = Settings(_env_file=None, smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False)
    assert send(settings, messages) == 1
    ((to, message),) = box.received
    assert to == ["vanthu@soyte.example"]
    assert message["Subject"] == "[thidua] Đã có kết quả kiểm tra báo cáo năm 2025"
    assert isinstance(message, EmailMessage)
    body = message.get_content()
    assert "- bao-cao-sua.xlsx: hợp lệ" in body
    assert "- bao-cao.xlsx: có lỗi cần sửa" in body
    assert "http://cong" in body


def test_without_an_smtp_server_nothing_is_sent() -> None:
    messages = notices(
        [Processed("SO-YT", "a.xlsx", "valid")],
        {"SO-YT": ["a@b.example"]},
        sender="thidua@tinh.example",
        year=2025,
        portal_url="http://cong",
    )
    assert send(Settings(_env_file=None), messages) == 0
