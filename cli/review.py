"""`thidua review ...`: the review workflow from the command line, under the UI's rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

import typer
import yaml

from cli.common import campaign_code, database_session
from cli.prefect_api import use_local_server
from models.workflow import nomination_workflow
from tasks.campaigns import current_campaign
from tasks.workflow import decisions, forms
from tasks.workflow.engine import Actor, history
from tasks.workflow.errors import WorkflowError
from tasks.workflow.worklist import worklist, worklist_rows

app = typer.Typer(
    help="Quy trình xét khen thưởng: việc đang chờ, lịch sử, phiếu quyết định của Hội đồng, "
    "cơ quan thẩm tra (Sở Nội vụ; ở bộ, ngành: đơn vị được giao) và người quyết định khen thưởng.",
    no_args_is_help=True,
)
CampaignOption = Annotated[
    str | None, typer.Option("--campaign", help="Mã phong trào (mặc định: phong trào đang chạy).")
]
PhaseOption = Annotated[str, typer.Option("--phase", help="Mã đợt xét, ví dụ so-ket-2023.")]
STEPS = ", ".join(decisions.FORMS)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        print(f"Lỗi: không đọc được {path}: {error}")
        raise typer.Exit(2) from error
    if not isinstance(data, dict):
        print(f"Lỗi: {path} phải là một ánh xạ YAML hoặc JSON (khóa: giá trị).")
        raise typer.Exit(2)
    return data


@app.command(help="In các trạng thái và thao tác của quy trình (định nghĩa bằng dữ liệu).")
def workflow() -> None:
    """Print the workflow definition as loaded."""
    definition = nomination_workflow()
    print(definition.title)
    for code, state in definition.states.items():
        waits = ", ".join(definition.role_title(r) for r in state.waits_for) or "-"
        print(f"  [{code}] {state.title}{' (kết thúc)' if state.final else ''}; chờ: {waits}")
    for t in definition.transitions:
        extra = [
            *(["bắt buộc ghi lý do"] if t.comment_required else []),
            *(["tự động"] if t.automatic else []),
            *([f"điều kiện: {t.guard}"] if t.guard else []),
        ]
        roles = ", ".join(t.roles)
        print(
            f"  {t.id}: {t.title} ({', '.join(t.sources)} -> {t.to}; vai trò: {roles}"
            f"{'; ' + '; '.join(extra) if extra else ''})"
        )


@app.command("worklist", help="Việc đang chờ ai: mỗi đề nghị, vai trò cần xử lý và việc cần làm.")
def show_worklist(
    campaign: CampaignOption = None,
    phase: Annotated[str | None, typer.Option("--phase", help="Mã đợt xét.")] = None,
    role: Annotated[str | None, typer.Option("--role", help="Chỉ một vai trò.")] = None,
) -> None:
    """Print what waits for whom."""
    with database_session() as session:
        rows = worklist_rows(
            worklist(session, campaign_code=campaign_code(campaign), phase_code=phase, role=role)
        )
    if not rows:
        print("Không có việc nào đang chờ.")
        return
    for row in rows:
        print(" | ".join(f"{key}: {value}" for key, value in row.items()))


@app.command("history", help="Lịch sử chuyển trạng thái của một đề nghị: ai, khi nào, vì sao.")
def show_history(nomination_id: Annotated[int, typer.Argument(help="Mã đề nghị.")]) -> None:
    """Print a nomination's transitions."""
    definition = nomination_workflow()
    with database_session() as session:
        rows = history(session, nomination_id)
    if not rows:
        print(f"Đề nghị số {nomination_id} chưa có lần chuyển trạng thái nào.")
        return
    for row in rows:
        print(
            f"{row.at:%d/%m/%Y %H:%M:%S} {definition.state_title(row.from_state)} -> "
            f"{definition.state_title(row.to_state)} ({row.transition}) bởi {row.actor_name} "
            f"[{definition.role_title(row.actor_role)}]"
            f"{': ' + row.comment if row.comment else ''}"
            f"{' #' + row.data_sha256[:12] if row.data_sha256 else ''}"
        )


@app.command(help="Kiểm tra hồ sơ và đưa các đề nghị hợp lệ của đợt vào thẩm định.")
def open(phase: PhaseOption, campaign: CampaignOption = None) -> None:  # noqa: A001
    """Open the appraisal of a phase."""
    with database_session() as session:
        loaded, _ = current_campaign(session, code=campaign_code(campaign))
        counts = decisions.open_appraisal(session, campaign=loaded, phase=loaded.phase(phase))
    print(f"Đã đưa {counts['started']} đề nghị vào thẩm định; trạng thái: {counts}")


@app.command(help=f"Ghi phiếu quyết định điền sẵn của một bước ({STEPS}) ra tệp YAML để sửa.")
def form(
    step: Annotated[str, typer.Argument(help=STEPS)],
    phase: PhaseOption,
    campaign: CampaignOption = None,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Tệp ghi ra.")] = None,
) -> None:
    """Write a step's pre-filled decision form."""
    with database_session() as session:
        loaded, _ = current_campaign(session, code=campaign_code(campaign))
        selected = loaded.phase(phase)
        makers = {
            "council": lambda: forms.council_form(
                session, campaign=loaded, phase=selected, today=date.today()
            ),
            "verification": lambda: forms.verification_form(
                session, campaign=loaded, phase=selected
            ),
            "chairman": lambda: forms.chairman_form(
                session, campaign=loaded, phase=selected, today=date.today()
            ),
        }
        if step not in makers:
            print(f"Lỗi: không có bước «{step}»; các bước: {STEPS}.")
            raise typer.Exit(2)
        text = yaml.safe_dump(makers[step](), allow_unicode=True, sort_keys=False)
    if out is None:
        print(text, end="")
    else:
        out.write_text(text, encoding="utf-8")
        print(f"Đã ghi {out}: điền rồi chạy `thidua review apply {step} --phase {phase} {out}`.")


@app.command(
    help="Kiểm tra và ghi nhận một phiếu quyết định (YAML/JSON), đúng các quy tắc như "
    "trong Prefect UI; mã thoát 1 và danh sách lý do nếu phiếu vi phạm quy tắc."
)
def apply(
    step: Annotated[str, typer.Argument(help=STEPS)],
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    phase: PhaseOption,
    campaign: CampaignOption = None,
    check_only: Annotated[bool, typer.Option("--check", help="Chỉ kiểm tra, không ghi.")] = False,
) -> None:
    """Check and record a decision file."""
    payload = _read(path)
    with database_session() as session:
        loaded, _ = current_campaign(session, code=campaign_code(campaign))
        problems, outcome = decisions.apply(
            session,
            campaign=loaded,
            phase=loaded.phase(phase),
            step=step,
            payload=payload,
            save=not check_only,
        )
    if problems:
        print(f"Phiếu {path} chưa được ghi nhận ({len(problems)} lý do):")
        for problem in problems:
            print(f"  - {problem}")
        raise typer.Exit(1)
    print("Phiếu hợp lệ." if check_only else f"Đã ghi nhận phiếu {step} của {phase}.")


@app.command(help="Trình người quyết định khen thưởng các đề nghị đã được thẩm tra.")
def submit(
    phase: PhaseOption,
    name: Annotated[str, typer.Option("--name", help="Họ tên người trình.")],
    campaign: CampaignOption = None,
    role: Annotated[str, typer.Option("--role", help="Vai trò.")] = "appraiser",
) -> None:
    """Move the verified nominations to the Chairman."""
    try:
        with database_session() as session:
            loaded, _ = current_campaign(session, code=campaign_code(campaign))
            moved = decisions.submit_verified(
                session, campaign=loaded, phase=loaded.phase(phase), actor=Actor(name, role)
            )
    except WorkflowError as error:
        print(f"Lỗi: {error}")
        raise typer.Exit(1) from error
    print(f"Đã trình {len(moved)} đề nghị: {', '.join(map(str, moved))}.")


@app.command(
    help="Gửi phiếu quyết định (YAML/JSON) cho một lần chạy đang chờ, nhân danh một tài khoản "
    "được cấp vai trò (ký bằng khóa của cổng thidua, như khi ghi trên cổng)."
)
def resume(
    flow_run_id: Annotated[UUID, typer.Argument(help="Mã lần chạy (flow run id).")],
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    account: Annotated[str, typer.Option("--account", help="Tài khoản quyết định.")],
) -> None:
    """Resume a paused review flow run with a decision file, signed for an account."""
    from tasks.accounts.store import find_person

    payload = _read(path)
    role = str(payload.get("decider_role", ""))
    with database_session() as session:
        person = find_person(session, account)
    if person is None or role not in person.roles:
        print(f"Lỗi: tài khoản «{account}» không có hoặc không được cấp vai trò «{role}».")
        raise typer.Exit(1)
    if not use_local_server():
        print("Lỗi: không kết nối được máy chủ Prefect (đặt PREFECT_API_URL hoặc `stack up`).")
        raise typer.Exit(2)
    from tasks.workflow.resume import resume_signed

    try:
        resume_signed(
            flow_run_id,
            json.loads(json.dumps(payload, default=str)),
            account=account,
            role=role,
        )
    except Exception as error:  # the API's refusal, said plainly
        print(f"Lỗi: không tiếp tục được lần chạy {flow_run_id}: {error}")
        raise typer.Exit(1) from error
    print(f"Đã gửi phiếu cho lần chạy {flow_run_id} (tài khoản {account}).")
