"""Store a round, its evaluated candidates, the head's decision and the awards it grants."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.campaign import Campaign
from models.giay_khen import GiayKhenRound, HeadDecision
from models.tables import (
    AwardGranted,
    GiayKhenCandidate,
    GiayKhenDecision,
    GiayKhenRoundRecord,
)
from tasks.aggregate.summary import result_hash
from tasks.giay_khen.evaluate import Evaluated
from tasks.registry.queries import get_unit


class RoundError(ValueError):
    """A round that cannot be stored or decided, with a Vietnamese reason."""


def check_against_movement(session: Session, round_: GiayKhenRound, campaign: Campaign) -> None:
    """Refuse a round whose phase, year or awarding unit the movement does not know."""
    try:
        phase = campaign.phase(round_.phase)
    except KeyError as error:
        known = ", ".join(p.code for p in campaign.phases)
        raise RoundError(
            f"phase: phong trào {campaign.code} không có đợt '{round_.phase}' (có: {known})"
        ) from error
    if round_.year not in phase.years:
        raise RoundError(f"year: năm {round_.year} không thuộc đợt {phase.code} {phase.years}")
    unit = get_unit(session, registry=campaign.registry, code=round_.unit_code)
    if unit is None:
        raise RoundError(f"unit_code: không có đơn vị '{round_.unit_code}' trong danh mục")
    for number, row in enumerate(round_.candidates, start=1):
        if (
            row.unit_code
            and get_unit(session, registry=campaign.registry, code=row.unit_code) is None
        ):
            raise RoundError(
                f"candidates[{number - 1}] (ứng viên số {number}, mã {row.code}).unit_code: "
                f"không có đơn vị '{row.unit_code}' trong danh mục"
            )


def store_round(
    session: Session, *, round_: GiayKhenRound, campaign: Campaign, sha256: str, source: str
) -> GiayKhenRoundRecord:
    """Record a round's file; the same bytes again change nothing; a decided round is closed."""
    check_against_movement(session, round_, campaign)
    record = session.exec(
        select(GiayKhenRoundRecord).where(
            GiayKhenRoundRecord.campaign_code == round_.campaign,
            GiayKhenRoundRecord.unit_code == round_.unit_code,
            GiayKhenRoundRecord.code == round_.code,
        )
    ).first()
    if record is not None and record.sha256 == sha256:
        return record
    if record is not None and record.state == "decided":
        raise RoundError(
            f"Đợt xét {round_.code} của {round_.unit_code} đã có quyết định của Thủ trưởng: "
            "không nạp lại tệp khác; lập đợt xét mới nếu cần."
        )
    if record is None:
        record = GiayKhenRoundRecord(
            campaign_code=round_.campaign,
            phase_code=round_.phase,
            unit_code=round_.unit_code,
            code=round_.code,
            year=round_.year,
            sha256=sha256,
            source=source,
            content=round_.model_dump(mode="json"),
        )
    else:
        record.sha256, record.source, record.state = sha256, source, "loaded"
        record.phase_code, record.year = round_.phase, round_.year
        record.content = round_.model_dump(mode="json")
    session.add(record)
    session.flush()
    return record


def find_round(session: Session, *, campaign: str, unit: str, code: str) -> GiayKhenRoundRecord:
    """Return a stored round, or say how to load it."""
    record = session.exec(
        select(GiayKhenRoundRecord).where(
            GiayKhenRoundRecord.campaign_code == campaign,
            GiayKhenRoundRecord.unit_code == unit,
            GiayKhenRoundRecord.code == code,
        )
    ).first()
    if record is None:
        raise RoundError(
            f"Chưa có đợt xét Giấy khen {code} của {unit} trong phong trào {campaign}: "
            "nạp tệp bằng `thidua giay-khen load`."
        )
    return record


def save_proposal(
    session: Session, record: GiayKhenRoundRecord, evaluated: list[Evaluated]
) -> list[GiayKhenCandidate]:
    """Replace the round's evaluated candidates (a rerun gives the same rows)."""
    if record.state == "decided":
        raise RoundError(f"Đợt xét {record.code} đã có quyết định: không xét lại.")
    session.exec(delete(GiayKhenCandidate).where(col(GiayKhenCandidate.round_id) == record.id))
    rows = [
        GiayKhenCandidate(
            round_id=record.id or 0,
            code=item.row.code,
            kind=item.row.kind,
            full_name=item.row.full_name,
            identity=item.identity,
            score=item.evaluation.score,
            eligible=item.placement.candidate.eligible,
            rank=item.placement.rank,
            selected=item.placement.selected,
            tied_at_cut=item.placement.tied_at_cut,
            reasons=list(item.placement.reasons),
            breakdown=item.evaluation.breakdown(),
        )
        for item in evaluated
    ]
    session.add_all(rows)
    record.state = "proposed"
    session.add(record)
    session.flush()
    return rows


def candidates_of(session: Session, record: GiayKhenRoundRecord) -> list[GiayKhenCandidate]:
    """Return the round's evaluated candidates in the proposal's order."""
    return list(
        session.exec(
            select(GiayKhenCandidate)
            .where(GiayKhenCandidate.round_id == record.id)
            .order_by(col(GiayKhenCandidate.id))
        ).all()
    )


def _awarded(
    round_: GiayKhenRound, candidates: list[GiayKhenCandidate], decision: HeadDecision
) -> list[GiayKhenCandidate]:
    by_code = {c.code: c for c in candidates}
    unknown = sorted((set(decision.removed) | set(decision.tie_winners)) - set(by_code))
    if unknown:
        raise RoundError(f"Không có ứng viên {', '.join(unknown)} trong đợt xét.")
    not_proposed = sorted(code for code in decision.removed if not by_code[code].selected)
    if not_proposed:
        raise RoundError(f"removed: {', '.join(not_proposed)} không có trong danh sách đề xuất.")
    blank = sorted(code for code, reason in decision.removed.items() if not reason.strip())
    if blank:
        raise RoundError(f"removed: ghi lý do không tặng cho {', '.join(blank)}.")
    not_tied = sorted(code for code in decision.tie_winners if not by_code[code].tied_at_cut)
    if not_tied:
        raise RoundError(
            f"tie_winners: {', '.join(not_tied)} không đồng hạng tại đường cắt; Thủ trưởng chỉ "
            "chọn trong các trường hợp đồng hạng."
        )
    awarded = [
        c
        for c in candidates
        if (c.selected and c.code not in decision.removed) or c.code in decision.tie_winners
    ]
    for kind in ("tap_the", "ca_nhan"):
        count = sum(c.kind == kind for c in awarded)
        if count > round_.quota(kind):
            label = "tập thể" if kind == "tap_the" else "cá nhân"
            raise RoundError(
                f"Vượt chỉ tiêu: {count} {label}, chỉ tiêu {round_.quota(kind)} (không quá)."
            )
    return awarded


def record_head_decision(
    session: Session, record: GiayKhenRoundRecord, decision: HeadDecision
) -> GiayKhenDecision:
    """Record the head's decision and the Giấy khen it grants; the same again is a no-op."""
    round_ = GiayKhenRound.model_validate(record.content)
    data_sha = result_hash(decision.model_dump(mode="json"))
    existing = session.exec(
        select(GiayKhenDecision).where(GiayKhenDecision.round_id == record.id)
    ).first()
    if existing is not None:
        if existing.data_sha256 == data_sha:
            return existing
        raise RoundError(
            f"Đợt xét {record.code} đã có quyết định do {existing.decided_by_name} ghi lúc "
            f"{existing.recorded_at:%d/%m/%Y %H:%M} (UTC); không ghi quyết định thứ hai."
        )
    if record.state != "proposed":
        raise RoundError(f"Đợt xét {record.code} chưa được xét chọn: chạy bước xét trước.")
    awarded = _awarded(round_, candidates_of(session, record), decision)
    title = decision.signer_title or round_.head.signatory.title
    row = GiayKhenDecision(
        round_id=record.id or 0,
        number=decision.number,
        signed_on=decision.signed_on,
        signer_name=decision.signer_name,
        signer_title=title,
        awarded=[c.code for c in awarded],
        removed=[{"code": k, "reason": v} for k, v in sorted(decision.removed.items())],
        decided_by_name=decision.decided_by,
        decided_by_role=decision.role,
        data_sha256=data_sha,
    )
    award_title = award_name(round_)
    try:
        with session.begin_nested():
            session.add(row)
            for candidate in awarded:
                session.add(
                    AwardGranted(
                        campaign_code=record.campaign_code,
                        phase_code=record.phase_code,
                        identity=candidate.identity,
                        form="giay_khen",
                        kind=candidate.kind,
                        full_name=candidate.full_name,
                        unit_code=round_.candidate(candidate.code).unit_code,
                        granting_unit_code=record.unit_code,
                        title=award_title,
                        round_id=record.id,
                        decision_number=decision.number,
                        signed_on=decision.signed_on,
                    )
                )
            session.flush()
    except IntegrityError as error:
        raise RoundError(
            "Không khen hai lần cho một thành tích: một trường hợp trong danh sách vừa được "
            "tặng khen thưởng khác cho cùng phong trào và đợt; xét lại đợt xét."
        ) from error
    record.state = "decided"
    session.add(record)
    session.flush()
    return row


def award_name(round_: GiayKhenRound) -> str:
    """Return the award's name, e.g. 'Giấy khen của Giám đốc Sở Y tế'."""
    title = round_.head.signatory.title.strip().capitalize()
    return f"Giấy khen của {title} {round_.head.authority.name}"
