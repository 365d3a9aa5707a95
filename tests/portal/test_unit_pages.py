"""A unit signs in, downloads its workbook, uploads a faulty report and a good one, sees the
self-check at once and later the pipeline's feedback; it cannot see or write another unit's."""

from __future__ import annotations

import io
import json
import time
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from deploy.stack_env import prefect_auth_headers
from flows.collect_reports import collect_reports
from models.database import session_scope
from models.tables import Account, AccountAction, Submission
from tasks.accounts.store import find_person
from tasks.storage import ObjectStore
from tests.flows.e2e import CODE, YEAR, good
from tests.portal.browser import PHONE, browser_page, log_in, shot
from tests.portal.conftest import PortalStack

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def _events(stack: PortalStack) -> list[dict[str, object]]:
    request = urllib.request.Request(  # noqa: S310 (loopback)
        f"{stack.settings.prefect_api_url}/events/filter",
        data=json.dumps({"filter": {"event": {"name": ["thidua.inbox.object-created"]}}}).encode(),
        headers={"Content-Type": "application/json", **prefect_auth_headers(stack.settings)},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return list(json.loads(response.read())["events"])


def test_a_unit_uploads_a_faulty_report_then_a_good_one(
    portal_stack: PortalStack, tmp_path: Path
) -> None:
    faulty = tmp_path / "bao-cao-loi.xlsx"
    faulty.write_bytes(good("SO-TC"))  # another unit's report in this unit's folder
    fixed = tmp_path / "Báo cáo năm.xlsx"
    fixed.write_bytes(good("SO-XD"))
    with browser_page() as page:
        log_in(page, portal_stack.url, "don-vi-xd")
        assert page.url.endswith("/don-vi")
        assert "Sở Xây dựng" in page.inner_text("h1")
        with page.expect_download() as download:
            page.get_by_role("link", name=f"Tải biểu mẫu báo cáo năm {YEAR}").click()
        book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert book.sheetnames  # the unit's own workbook
        page.get_by_label("Báo cáo năm (tệp Excel)").set_input_files(str(faulty))
        page.get_by_role("button", name="Tải lên và tự kiểm tra").click()
        page.wait_for_load_state()
        result = page.inner_text("#tu-kiem-tra")
        assert "Tự kiểm tra: báo cáo còn" in result, result
        assert "SO-TC" in result or "đơn vị" in result.lower()
        shot(page, "unit-faulty-desktop")

        page.get_by_label("Báo cáo năm (tệp Excel)").set_input_files(str(fixed))
        page.get_by_role("button", name="Tải lên và tự kiểm tra").click()
        page.wait_for_load_state()
        result = page.inner_text("#tu-kiem-tra")
        assert "Tự kiểm tra: báo cáo hợp lệ" in result, result
        assert "Bao-cao-nam.xlsx" in result

        keys = [
            o.key
            for o in ObjectStore(portal_stack.settings).list(
                portal_stack.settings.inbox_bucket, f"{CODE}/{YEAR}/"
            )
        ]
        assert keys == [
            f"{CODE}/{YEAR}/SO-XD/Bao-cao-nam.xlsx",
            f"{CODE}/{YEAR}/SO-XD/bao-cao-loi.xlsx",
        ]
        deadline = time.monotonic() + 60  # the server stores events in batches
        while len(events := _events(portal_stack)) < 2 and time.monotonic() < deadline:
            time.sleep(2)
        assert {e["resource"]["thidua.key"] for e in events} == set(keys)  # type: ignore[index]
        assert {e["resource"]["prefect.resource.id"] for e in events} == {  # type: ignore[index]
            f"thidua.inbox.{CODE}.{YEAR}"
        }

        collect_reports(campaign=CODE, year=YEAR)  # what the event's trigger starts
        page.goto(f"{portal_stack.url}/don-vi")
        feedback = page.inner_text("body")
        assert "Báo cáo hợp lệ đã được tính" in feedback, feedback
        assert "bản được tính" in feedback
        shot(page, "unit-feedback-desktop")
        # Each version's feedback workbook downloads: stored for the faulty one, drawn from its
        # JSON for a clean one; both say what the clerk's upload came to.
        links = page.get_by_role("link", name="Tải phản hồi")
        assert links.count() == 2
        statuses = []
        for number in range(2):
            with page.expect_download() as download:
                links.nth(number).click()
            book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
            texts = [str(c.value) for row in book.active.iter_rows() for c in row if c.value]
            statuses.append(texts[texts.index("Kết quả") + 1])
        assert sorted(statuses) == ["Có lỗi, cần sửa và tải lên lại", "Hợp lệ"]
        store = ObjectStore(portal_stack.settings)
        bucket = portal_stack.settings.output_bucket
        stored = [o.key for o in store.list(bucket, f"phan-hoi/{CODE}/{YEAR}/SO-XD/")]
        answered = {
            key[: -len(".json")]: json.loads(store.get_bytes(bucket, key))
            for key in stored
            if key.endswith(".json")
        }
        # A workbook is stored where there are findings (both here: a second workbook in the
        # folder is one); a clean report's is drawn (tests/tasks/ingest/test_feedback_document.py)
        assert {key[: -len(".xlsx")] for key in stored if key.endswith(".xlsx")} == {
            prefix for prefix, answer in answered.items() if answer["findings"]
        }
    with browser_page(PHONE) as phone:
        log_in(phone, portal_stack.url, "don-vi-xd")
        shot(phone, "unit-feedback-phone")

    with session_scope() as session:
        account = session.exec(select(Account).where(Account.username == "don-vi-xd")).one()
        acts = session.exec(
            select(AccountAction).where(AccountAction.account_id == account.id)
        ).all()
        assert sorted(a.subject for a in acts if a.action == "upload") == keys
        counted = session.exec(select(Submission).where(Submission.is_counted)).all()
        assert [(s.folder_unit_code, s.status) for s in counted] == [("SO-XD", "valid")]


def test_a_unit_cannot_see_or_write_for_another(portal_stack: PortalStack, tmp_path: Path) -> None:
    with session_scope() as session:
        theirs = session.exec(
            select(Submission).where(Submission.folder_unit_code == "SO-XD")
        ).first()
    assert theirs is not None, "runs after the upload test"
    report = tmp_path / "bc.xlsx"
    report.write_bytes(good("SO-TC"))
    with browser_page() as page:
        log_in(page, portal_stack.url, "don-vi-tc")
        assert "Sở Tài chính" in page.inner_text("h1")
        assert "Sở Xây dựng" not in page.inner_text("main")
        response = page.goto(f"{portal_stack.url}/don-vi/phan-hoi/{theirs.id}")
        assert response is not None
        assert response.status == 404
        response = page.goto(f"{portal_stack.url}/xet-duyet")
        assert response is not None
        assert response.status == 403
        page.goto(f"{portal_stack.url}/don-vi")
        # a forged field naming another unit is ignored: the folder is the account's unit
        page.evaluate(
            "() => { const f = document.querySelector('form[action=\"/don-vi/nop\"]');"
            " const i = document.createElement('input'); i.type = 'hidden'; i.name = 'unit';"
            " i.value = 'SO-XD'; f.appendChild(i); }"
        )
        page.get_by_label("Báo cáo năm (tệp Excel)").set_input_files(str(report))
        page.get_by_role("button", name="Tải lên và tự kiểm tra").click()
        page.wait_for_load_state()
        assert "Tự kiểm tra: báo cáo hợp lệ" in page.inner_text("#tu-kiem-tra")
        # signed in, but without the page's CSRF token: refused, nothing stored
        forged = page.request.post(
            f"{portal_stack.url}/don-vi/nop",
            multipart={
                "nam": str(YEAR),
                "report": {"name": "x.xlsx", "mimeType": "a/b", "buffer": b"x"},
            },
            max_redirects=0,
        )
        assert forged.status == 403
    keys = [
        o.key
        for o in ObjectStore(portal_stack.settings).list(
            portal_stack.settings.inbox_bucket, f"{CODE}/{YEAR}/SO-TC/"
        )
    ]
    assert keys == [f"{CODE}/{YEAR}/SO-TC/bc.xlsx"]


def test_an_administrator_grants_roles_a_unit_cannot(portal_stack: PortalStack) -> None:
    with browser_page() as page:
        log_in(page, portal_stack.url, "quan-tri")
        assert page.url.endswith("/tai-khoan")
        page.get_by_label("Tên đăng nhập").first.fill("so-noi-vu")
        page.get_by_label("Họ tên").fill("Đinh Văn Nam")
        page.get_by_label("Mật khẩu ban đầu").fill("mat-khau-so-noi-vu")
        page.get_by_role("button", name="Tạo tài khoản").click()
        page.wait_for_load_state()
        assert "Đã tạo tài khoản so-noi-vu." in page.inner_text("main")
        page.locator("form").nth(2).get_by_label("Tên đăng nhập").fill("so-noi-vu")
        page.get_by_label("Vai trò").select_option("home_affairs")
        page.get_by_role("button", name="Cấp vai trò").click()
        page.wait_for_load_state()
        assert (
            "Đã cấp vai trò «Sở Nội vụ (Ban Thi đua - Khen thưởng)» cho so-noi-vu."
            in page.inner_text("main")
        )
        shot(page, "admin-desktop")
    with browser_page() as page:
        log_in(page, portal_stack.url, "don-vi-tc")
        page.goto(f"{portal_stack.url}/tai-khoan")
        assert "Tạo tài khoản" not in page.inner_text("main")  # a unit sees only itself
    with session_scope() as session:
        person = find_person(session, "so-noi-vu")
    assert person is not None
    assert person.roles == ("home_affairs",)
