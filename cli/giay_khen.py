"""`thidua giay-khen …`: a unit's own Giấy khen round in a movement (plan IV.2.2)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from cli.common import database_session
from models.giay_khen import GiayKhenRound, HeadDecision
from models.giay_khen_file import RoundFileError, load_round
from models.settings import get_settings
from models.version import code_version
from tasks.giay_khen.movement import movement_awards
from tasks.giay_khen.records import RoundError
from tasks.giay_khen.round import decide_round, draft_round_decision, load_round_file, propose_round
from tasks.storage import ObjectStore

app = typer.Typer(
    help="Giấy khen của Thủ trưởng đơn vị trong phong trào: nạp tệp đợt xét, xét chọn, quyết "
    "định, dự thảo Quyết định.",
    no_args_is_help=True,
)
FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False)]
Campaign = Annotated[str, typer.Option("--campaign", help="Mã phong trào.")]
Unit = Annotated[str, typer.Option("--unit", help="Mã đơn vị khen thưởng.")]
Round = Annotated[str, typer.Option("--round", help="Mã đợt xét của đơn vị.")]


def _fail(error: Exception) -> typer.Exit:
    if isinstance(error, RoundFileError):
        print(f"Tệp đợt xét {error.path} không hợp lệ ({len(error.problems)} lỗi):")
        for problem in error.problems:
            print(f"  - {problem}")
    else:
        print(f"Lỗi: {error}")
    return typer.Exit(1)


def _summary(round_: GiayKhenRound) -> None:
    kinds = {k: sum(c.kind == k for c in round_.candidates) for k in ("tap_the", "ca_nhan")}
    print(f"Hợp lệ: {round_.unit_code} / {round_.code} - {round_.name}")
    print(
        f"  phong trào {round_.campaign}, đợt {round_.phase}, năm {round_.year}; "
        f"{len(round_.criteria)} tiêu chí; chỉ tiêu không quá {round_.quotas.collective} tập thể "
        f"và {round_.quotas.individual} cá nhân; ứng viên: {kinds['tap_the']} tập thể, "
        f"{kinds['ca_nhan']} cá nhân"
    )


@app.command(help="Kiểm tra tệp đợt xét (YAML); mã thoát 1 và các lỗi, kèm dòng và trường.")
def check(path: FileArg) -> None:
    """Validate a round file."""
    try:
        round_, sha256 = load_round(path)
    except RoundFileError as error:
        raise _fail(error) from error
    _summary(round_)
    print(f"  SHA-256: {sha256}")


@app.command(help="Kiểm tra rồi nạp tệp đợt xét (nạp lại cùng tệp không đổi gì).")
def load(path: FileArg) -> None:
    """Validate and record a round file."""
    with database_session() as session:
        try:
            record = load_round_file(session, path=path)
        except (RoundFileError, RoundError) as error:
            raise _fail(error) from error
        _summary(GiayKhenRound.model_validate(record.content))
        print(
            f"Đã nạp đợt xét (bản {record.sha256[:12]}, id {record.id}, trạng thái {record.state})."
        )


@app.command(help="Xét chọn: chấm điểm, xét điều kiện, xếp hạng trong chỉ tiêu (cùng bộ máy xét).")
def propose(campaign: Campaign, unit: Unit, round_code: Round) -> None:
    """Evaluate and propose."""
    with database_session() as session:
        try:
            result = propose_round(
                session, campaign_code=campaign, unit_code=unit, round_code=round_code
            )
        except RoundError as error:
            raise _fail(error) from error
    for row in result["candidates"]:
        mark = "ĐỀ XUẤT" if row["selected"] else "không"
        print(f"  {row['code']:<8} {mark:<8} {row['name']}: {' '.join(row['reasons'])}")


@app.command(help="Ghi quyết định của Thủ trưởng (ai quyết định, danh sách) và các Giấy khen.")
def decide(
    campaign: Campaign,
    unit: Unit,
    round_code: Round,
    decided_by: Annotated[str, typer.Option(help="Người ghi quyết định.")],
    signer: Annotated[str, typer.Option(help="Họ tên Thủ trưởng ký.")],
    role: Annotated[str, typer.Option(help="thu_truong hoặc van_thu.")] = "thu_truong",
    number: Annotated[str, typer.Option(help="Số quyết định, ví dụ 125/QĐ-SYT.")] = "",
    signed_on: Annotated[str, typer.Option(help="Ngày ký YYYY-MM-DD.")] = "",
    removed: Annotated[str, typer.Option(help='JSON {"CN02": "lý do"}.')] = "{}",
    tie_winners: Annotated[str, typer.Option(help="Mã chọn trong đồng hạng, cách dấu phẩy.")] = "",
) -> None:
    """Record the head's decision."""
    decision = HeadDecision(
        decided_by=decided_by,
        role=role,
        signer_name=signer,
        number=number,
        signed_on=date.fromisoformat(signed_on) if signed_on else None,
        removed=json.loads(removed),
        tie_winners=[code for code in tie_winners.split(",") if code.strip()],
    )
    with database_session() as session:
        try:
            result = decide_round(
                session,
                campaign_code=campaign,
                unit_code=unit,
                round_code=round_code,
                decision=decision,
            )
        except RoundError as error:
            raise _fail(error) from error
    print(f"Đã ghi quyết định: tặng Giấy khen cho {', '.join(result['awarded']) or 'không ai'}.")


@app.command(help="Lập dự thảo Quyết định tặng Giấy khen (DOCX) và lưu vào kho đầu ra.")
def draft(campaign: Campaign, unit: Unit, round_code: Round) -> None:
    """Render and store the decision."""
    settings = get_settings()
    with database_session() as session:
        try:
            result = draft_round_decision(
                session,
                campaign_code=campaign,
                unit_code=unit,
                round_code=round_code,
                store=ObjectStore(settings),
                bucket=settings.output_bucket,
                rules_version=code_version(),
            )
        except RoundError as error:
            raise _fail(error) from error
    print(f"Đã lưu s3://{result['bucket']}/{result['key']} ({result['awardees']} trường hợp).")


@app.command(help="Các khen thưởng của phong trào trong một đợt: Bằng khen và Giấy khen.")
def awards(campaign: Campaign, phase: Annotated[str, typer.Option(help="Mã đợt.")]) -> None:
    """List the movement's awards of a phase."""
    with database_session() as session:
        rows = movement_awards(session, campaign=campaign, phase=phase)
    for row in rows:
        print(f"  {row['form']:<10} {row['kind']:<8} {row['name']} ({row['by']})")
    print(f"{len(rows)} khen thưởng.")
