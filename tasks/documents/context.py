"""Render contexts of a phase's documents, built from the dossier's records (text only)."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.campaign import Authority, Campaign, Phase, Signatory
from tasks.documents.dates import BLANK, clock_text, legal_date, number_line, place_date_line
from tasks.documents.escape import clean_line, clean_lines
from tasks.documents.numerals import vn_number, vn_percent, vn_score
from tasks.documents.sources import CandidateRecord, Dossier, MeetingRecord, YearResult

GENERATED_NOTE = "Báo cáo do hệ thống lập từ báo cáo năm của đơn vị; đơn vị không gửi tệp DOCX"
KIND_LABELS = {"tap_the": "tập thể", "ca_nhan": "cá nhân"}
STATUS_LABELS = {
    "on_time": "Gửi đúng hạn",
    "late": "Gửi muộn",
    "invalid": "Không hợp lệ",
    "missing": "Không gửi",
    "none": "Chưa có kết quả",
}
CRITERION_LABELS = {"met": "Đạt", "not_met": "Chưa đạt", "not_applicable": "Không áp dụng"}
GENDER_LABELS = {"nam": "Nam", "nu": "Nữ"}
PARENT_LINE_CHARS = 26  # capitals that fit one line of the header's left column at 13 pt
ISSUER_LINE_CHARS = 20  # the same in bold


def file_keeping(drafting_unit: str) -> str:
    """Return the last recipient line, 'Lưu: VT, <drafting unit>.' (blank to fill by hand)."""
    return f"- Lưu: VT, {drafting_unit or BLANK}."


# --- shared pieces ---------------------------------------------------------------------------


def balanced_lines(text: str, *, max_chars: int) -> list[str]:
    """Return text on one line, or on two lines of similar length split at a space."""
    text = clean_line(text)
    if len(text) <= max_chars or " " not in text:
        return [text] if text else []
    spaces = [i for i, char in enumerate(text) if char == " "]
    split = min(spaces, key=lambda i: (max(i, len(text) - i - 1), -i))
    return [text[:split], text[split + 1 :]]


def punctuate(lines: list[str], *, bullet: str = "", end: str = ".") -> list[str]:
    """Return lines ending in ';' and the last in end, each prefixed with bullet."""
    stripped = [clean_line(line).rstrip(" ;,.") for line in lines]
    stripped = [line for line in stripped if line]
    return [
        f"{bullet}{line}{end if i == len(stripped) - 1 else ';'}" for i, line in enumerate(stripped)
    ]


def header(*, parent: str, issuer: str, number: str, place_date: str) -> dict[str, Any]:
    """Return the header's context: the bodies on balanced lines, number, place and date."""
    return {
        "parent_lines": balanced_lines(parent.upper(), max_chars=PARENT_LINE_CHARS),
        "issuer_lines": balanced_lines(issuer.upper(), max_chars=ISSUER_LINE_CHARS),
        "number_line": number,
        "place_date": place_date,
    }


def authority_header(authority: Authority, *, number: str, place_date: str) -> dict[str, Any]:
    """Return the header of a document issued by authority."""
    return header(
        parent=authority.parent_header,
        issuer=authority.header,
        number=number,
        place_date=place_date,
    )


def signer(
    signatory: Signatory | None,
    *,
    name: str | None = None,
    title: str | None = None,
    authority_line: str | None = None,
) -> dict[str, str]:
    """Return a signature block: authority line, title, name (overrides win)."""
    return {
        "authority_line": (
            authority_line
            if authority_line is not None
            else getattr(signatory, "authority_line", "")
        ),
        "title": title if title is not None else getattr(signatory, "title", ""),
        "name": name if name is not None else getattr(signatory, "name", ""),
    }


def short_date(value: date | None) -> str:
    """Return a date as '08/3/1985' (leading zeros as on the date line)."""
    if value is None:
        return ""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{value.day:02d}/{month}/{value.year}"


def post_unit(post: str | None, unit: str | None) -> str:
    """Return 'post, unit' from whichever parts are known."""
    return ", ".join(part for part in (clean_line(post), clean_line(unit)) if part)


def movement(campaign: Campaign) -> str:
    """Return the movement's name in quotes, as documents cite it."""
    return f'Phong trào thi đua "{clean_line(campaign.name)}"'


def phase_title(phase: Phase, campaign: Campaign) -> str:
    """Return the phase inside a sentence: 'tổng kết Phong trào thi đua "…"'."""
    return f'{lowered(phase.name)} "{clean_line(campaign.name)}"'


def phase_span(phase: Phase) -> str:
    """Return the phase's period, e.g. '2022 - 2025'."""
    return f"{min(phase.years)} - {max(phase.years)}"


def lowered(text: str) -> str:
    """Return text with its first letter in lower case (inside a sentence)."""
    return text[:1].lower() + text[1:]


def display_name(candidate: CandidateRecord) -> str:
    """Return the name as listed: a collective with its unit when the name lacks it."""
    name = clean_line(candidate.full_name)
    unit = clean_line(candidate.unit_then)
    if candidate.kind == "tap_the" and unit and unit.casefold() not in name.casefold():
        return f"{name}, {unit}"
    return name


def count_text(counts: dict[str, int]) -> str:
    """Return '3 tập thể và 5 cá nhân'."""
    return f"{counts.get('tap_the', 0)} tập thể và {counts.get('ca_nhan', 0)} cá nhân"


def kinds(records: tuple[CandidateRecord, ...]) -> dict[str, int]:
    """Count records by kind."""
    return {kind: sum(r.kind == kind for r in records) for kind in KIND_LABELS}


def award_name(phase: Phase) -> str:
    """Return the award proposed: the Chairman's Certificate of Merit."""
    return f"Bằng khen của Chủ tịch {phase.issuing_authority.name}"


# --- Tờ trình --------------------------------------------------------------------------------


def _meeting_line(meeting: MeetingRecord) -> str:
    accepted = sum(vote.accepted for vote in meeting.votes)
    return (
        f"Ngày {short_date(meeting.held_on)}, Hội đồng xét khen thưởng đã họp "
        f"({len(meeting.attendees)}/{meeting.members_total} thành viên có mặt), biểu quyết "
        f"đối với {len(meeting.votes)} trường hợp; {accepted} trường hợp được Hội đồng thống "
        "nhất đề nghị khen thưởng (có Biên bản kèm theo)."
    )


def to_trinh_context(dossier: Dossier) -> dict[str, Any]:
    """Return the context of the appraising department's Tờ trình to the Chairman."""
    phase, campaign = dossier.phase, dossier.campaign
    appraiser = phase.appraising_department
    counts = kinds(dossier.awardees)
    outcome = [
        f"Thực hiện Kế hoạch số {campaign.plan.number} ngày {short_date(campaign.plan.date)} "
        f"của {campaign.plan.issuer} phát động {movement(campaign)}, các cơ quan, đơn vị, địa "
        f"phương đã tổ chức thực hiện và đề nghị khen thưởng khi {lowered(phase.name)} giai "
        f"đoạn {phase_span(phase)}.",
        f"Các đơn vị đã đề nghị {count_text(dossier.nominated)}"
        + (
            f"; {count_text(dossier.eligible)} đủ điều kiện xét chọn theo tiêu chuẩn của "
            "Phong trào."
            if dossier.eligible is not None
            else "."
        ),
        f"Chỉ tiêu khen thưởng của đợt: tối đa {phase.quotas.collective} tập thể và "
        f"{phase.quotas.individual} cá nhân.",
    ]
    return {
        "header": authority_header(
            appraiser,
            number=number_line(None, "TTr", appraiser.abbreviation),
            place_date=place_date_line(phase.place, None, year=dossier.year),
        ),
        "summary": (
            "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho các tập thể, "
            f"cá nhân có thành tích xuất sắc trong {phase_title(phase, campaign)}"
        ),
        "addressee": f"Chủ tịch {phase.issuing_authority.name}",
        "citations": punctuate(list(phase.legal_basis.citations)),
        "outcome_lines": outcome,
        "meeting": dossier.meeting is not None,
        "meeting_line": _meeting_line(dossier.meeting) if dossier.meeting else "",
        "proposal_line": (
            f"{appraiser.name} kính trình Chủ tịch {phase.issuing_authority.name} (qua "
            f"{phase.home_affairs_department.name}) xem xét, tặng {award_name(phase)} cho "
            f"{count_text(counts)} đã có thành tích xuất sắc trong {lowered(phase.name)} giai "
            f"đoạn {phase_span(phase)} (có danh sách kèm theo Dự thảo Quyết định), gồm:"
        ),
        "proposal_groups": punctuate(
            [f"{counts[k]} {label}" for k, label in KIND_LABELS.items()], bullet="- "
        ),
        "thematic_not_grounds": phase.legal_basis.thematic_award_not_grounds_for_higher,
        "closing_line": (
            f"{appraiser.name} kính trình Chủ tịch {phase.issuing_authority.name} xem xét, "
            "quyết định./."
        ),
        "recipients": [
            "- Như trên;",
            f"- {phase.home_affairs_department.name};",
            file_keeping(phase.appraising_department.drafting_unit),
        ],
        "signer": signer(phase.signatories.get("appraiser")),
    }


# --- Biên bản --------------------------------------------------------------------------------


def _vote_rows(meeting: MeetingRecord, kind: str) -> list[dict[str, Any]]:
    votes = [vote for vote in meeting.votes if vote.kind == kind]
    return [
        {
            "no": i,
            "name": clean_line(vote.name),
            "unit": clean_line(vote.unit_name),
            "then": post_unit(vote.post_then, vote.unit_then) if kind == "ca_nhan" else "",
            "votes_for": vote.votes_for,
            "votes_against": vote.votes_against,
            "votes_abstain": vote.votes_abstain,
            "result": "Đề nghị" if vote.accepted else "Không đề nghị",
        }
        for i, vote in enumerate(votes, start=1)
    ]


def bien_ban_context(dossier: Dossier) -> dict[str, Any]:
    """Return the context of the council's minutes; the meeting must be recorded."""
    meeting = dossier.meeting
    if meeting is None:
        raise ValueError("Chưa ghi nhận cuộc họp Hội đồng: không lập được Biên bản.")
    phase, campaign = dossier.phase, dossier.campaign
    appraiser = phase.appraising_department
    accepted = {
        kind: sum(v.accepted for v in meeting.votes if v.kind == kind) for kind in KIND_LABELS
    }
    voted = {kind: sum(v.kind == kind for v in meeting.votes) for kind in KIND_LABELS}
    when = legal_date(meeting.held_on)
    return {
        "header": authority_header(
            appraiser, number=number_line(None, "BB", appraiser.abbreviation), place_date=""
        ),
        "summary": f"Họp Hội đồng xét đề nghị khen thưởng {phase_title(phase, campaign)}",
        "opening_line": (
            f"Vào hồi {clock_text(meeting.start_time)}, {when}, Hội đồng xét khen thưởng "
            f"{lowered(phase.name)} giai đoạn {phase_span(phase)} tiến hành họp xét các trường "
            f"hợp đề nghị tặng {award_name(phase)}."
        ),
        "venue": clean_line(meeting.venue).rstrip("."),
        "attendance_line": (
            f"Có mặt {len(meeting.attendees)}/{meeting.members_total} thành viên Hội đồng:"
        ),
        "attendees": punctuate([post_unit(n, p) for n, p in meeting.attendees], bullet="- "),
        "chair_line": post_unit(meeting.chair_name, meeting.chair_post),
        "secretary_line": post_unit(meeting.secretary_name, meeting.secretary_post),
        "proceedings": [
            f"Hội đồng xem xét {len(meeting.votes)} trường hợp đề nghị ({count_text(voted)}) "
            "trên cơ sở kết quả chấm điểm, xếp hạng theo tiêu chuẩn của Phong trào và chỉ tiêu "
            f"khen thưởng của đợt (tối đa {phase.quotas.collective} tập thể và "
            f"{phase.quotas.individual} cá nhân).",
            "Hội đồng biểu quyết đối với từng trường hợp; kết quả như sau:",
        ],
        "votes_collective": _vote_rows(meeting, "tap_the"),
        "votes_individual": _vote_rows(meeting, "ca_nhan"),
        "reasons": punctuate(
            [f"{clean_line(v.name)}: {clean_line(v.reason)}" for v in meeting.votes if v.reason],
            bullet="- ",
        ),
        "conclusion_line": (
            f"Hội đồng thống nhất đề nghị Chủ tịch {phase.issuing_authority.name} tặng "
            f"{award_name(phase)} cho {count_text(accepted)} có kết quả 'Đề nghị' nêu trên."
        ),
        "ending_line": f"Cuộc họp kết thúc vào {clock_text(meeting.end_time)}, {when}/.",
        "secretary": signer(
            phase.signatories.get("council_secretary"),
            name=clean_line(meeting.secretary_name),
            authority_line="",
        ),
        "signer": signer(
            phase.signatories.get("council_chair"),
            name=clean_line(meeting.chair_name),
            authority_line="",
        ),
    }


# --- Báo cáo thành tích ----------------------------------------------------------------------


def _criteria_met(year: YearResult) -> str:
    applicable = [c for c in year.criteria if c.get("status") != "not_applicable"]
    if not applicable:
        return "-"
    met = sum(c.get("status") == "met" for c in applicable)
    return f"{met}/{len(applicable)}"


def _year_row(year: YearResult) -> dict[str, Any]:
    rank = f"Hạng {year.rank}" + (f", {year.block}" if year.block else "") if year.rank else "-"
    return {
        "year": year.year,
        "status": STATUS_LABELS.get(year.status, year.status),
        "score": vn_score(year.score),
        "rank": rank,
        "criteria": _criteria_met(year),
    }


def _value(campaign: Campaign, code: str, value: float | None) -> str:
    try:
        kind = campaign.indicator(code).kind.value
    except KeyError:
        kind = "rate"
    if value is None:
        return "-"
    return vn_number(value) if kind == "count" else vn_percent(value)


def _criteria_rows(campaign: Campaign, year: YearResult) -> list[dict[str, Any]]:
    rows = []
    for item in year.criteria:
        code = str(item.get("code", ""))
        try:
            content = campaign.indicator(code).content
        except KeyError:
            content = code
        rows.append(
            {
                "content": content,
                "value": _value(campaign, code, item.get("value")),
                "target": _value(campaign, code, item.get("target")),
                "status": CRITERION_LABELS.get(str(item.get("status")), str(item.get("status"))),
            }
        )
    return rows


def _general(candidate: CandidateRecord) -> list[str]:
    if candidate.kind == "tap_the":
        lines = [
            f"- Tên tập thể: {display_name(candidate)}.",
            f"- Đơn vị đề nghị: {clean_line(candidate.proposing_unit_name)}.",
        ]
        if candidate.superior_name:
            lines.append(f"- Cơ quan cấp trên trực tiếp: {clean_line(candidate.superior_name)}.")
        if candidate.block:
            lines.append(f"- Cụm, khối thi đua: {clean_line(candidate.block)}.")
        if candidate.women_share is not None:
            lines.append(f"- Tỷ lệ nữ: {vn_percent(candidate.women_share)}.")
        lines.append(f"- Trụ sở, điện thoại, thư điện tử; chức năng, nhiệm vụ: {BLANK}")
        return lines
    lines = [f"- Họ và tên: {clean_line(candidate.full_name)}."]
    if candidate.birth_date:
        lines.append(f"- Ngày, tháng, năm sinh: {short_date(candidate.birth_date)}.")
    if candidate.gender in GENDER_LABELS:
        lines.append(f"- Giới tính: {GENDER_LABELS[candidate.gender]}.")
    lines.append(f"- Đơn vị đề nghị: {clean_line(candidate.proposing_unit_name)}.")
    lines.append(f"- Quê quán; trình độ chuyên môn, nghiệp vụ: {BLANK}")
    return lines


def _bullets(text: str | None, empty: str) -> list[str]:
    lines = clean_lines(text)
    return punctuate(lines, bullet="- ") if lines else [empty]


def _achievement_header(dossier: Dossier, candidate: CandidateRecord) -> dict[str, Any]:
    fallback_parent = dossier.phase.appraising_department.parent_header
    if candidate.kind == "tap_the" and not candidate.unit_code:
        parent, issuer = candidate.proposing_unit_name, candidate.full_name
    elif candidate.kind == "tap_the":
        parent, issuer = candidate.superior_name or fallback_parent, candidate.full_name
    else:
        parent = candidate.superior_name or fallback_parent
        issuer = candidate.proposing_unit_name
    return header(
        parent=parent,
        issuer=issuer,
        number="",
        place_date=place_date_line(dossier.phase.place, None, year=dossier.year),
    )


def achievement_context(dossier: Dossier, candidate: CandidateRecord) -> dict[str, Any]:
    """Return the context of a candidate's achievement report, generated from its results."""
    phase, campaign = dossier.phase, dossier.campaign
    person = candidate.kind == "ca_nhan"
    reported = [y for y in candidate.years if y.criteria]
    latest = reported[-1] if reported else None
    notes = [
        f"Năm {y.year} tính theo kết quả của đơn vị tiền thân {', '.join(y.from_units)}."
        for y in candidate.years
        if y.from_units
    ]
    if candidate.total_score is not None:
        notes.append(f"Điểm bình quân cả đợt: {vn_score(candidate.total_score)}.")
    subject = display_name(candidate)
    if person and (post := post_unit(candidate.post_now or candidate.post_then, None)):
        subject = f"{subject}, {post}"
    return {
        "generated": True,
        "generated_note": GENERATED_NOTE,
        "header": _achievement_header(dossier, candidate),
        "summary": f'{phase.name} "{clean_line(campaign.name)}"',
        "form": clean_line(phase.legal_basis.achievement_form),
        "subject_line": subject,
        "general": _general(candidate),
        "is_person": person,
        "post_then": post_unit(candidate.post_then, candidate.unit_then) or BLANK,
        "post_now": post_unit(candidate.post_now, candidate.unit_now) or BLANK,
        "years_intro": (
            f"Kết quả chấm điểm hằng năm của {clean_line(candidate.scored_unit_name)} theo "
            "thang điểm công bố của Phong trào:"
        ),
        "years": [_year_row(year) for year in candidate.years],
        "criteria_intro": f"Chi tiết các tiêu chí năm {latest.year}:" if latest else "",
        "criteria": _criteria_rows(campaign, latest) if latest else [],
        "year_notes": notes,
        "achievements": _bullets(
            candidate.achievements, "Đơn vị chưa nêu thành tích trong báo cáo năm."
        ),
        "initiatives": _bullets(
            candidate.initiatives, "Đơn vị chưa nêu sáng kiến, giải pháp trong báo cáo năm."
        ),
        "award_line": f"Đề nghị tặng {award_name(phase)}.",
        "thematic_not_grounds": phase.legal_basis.thematic_award_not_grounds_for_higher,
        "confirmer": signer(
            None,
            title="XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ" if person else "XÁC NHẬN CỦA CẤP TRÊN",
            name="",
            authority_line="",
        ),
        "signer": signer(
            None,
            title="NGƯỜI BÁO CÁO THÀNH TÍCH" if person else "THỦ TRƯỞNG ĐƠN VỊ",
            name=clean_line(candidate.full_name) if person else "",
            authority_line="",
        ),
    }


# --- Quyết định ------------------------------------------------------------------------------


def _decision_signer(dossier: Dossier) -> dict[str, str]:
    chairman = dossier.phase.signatories.get("chairman")
    decision = dossier.decision
    if decision is None:
        return signer(chairman)
    title = clean_line(decision.signer_title).upper() or getattr(chairman, "title", "")
    return signer(
        chairman,
        name=clean_line(decision.signer_name),
        title=title,
        authority_line="" if title == "CHỦ TỊCH" else "KT. CHỦ TỊCH",
    )


def decision_context(dossier: Dossier) -> dict[str, Any]:
    """Return the context of the Chairman's decision (a draft until it is recorded)."""
    phase, campaign = dossier.phase, dossier.campaign
    issuer, appraiser = phase.issuing_authority, phase.appraising_department
    decision = dossier.decision
    counts = kinds(dossier.awardees)
    number = number_line(decision.number if decision else None, "QĐ", issuer.abbreviation)
    dated = legal_date(decision.signed_on if decision else None, year=dossier.year)
    collectives = [c for c in dossier.awardees if c.kind == "tap_the"]
    persons = [c for c in dossier.awardees if c.kind == "ca_nhan"]
    return {
        "draft": decision is None,
        "header": authority_header(
            issuer,
            number=number,
            place_date=f"{phase.place}, {dated}",
        ),
        "summary": "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "authority_title": f"CHỦ TỊCH {issuer.header}",
        "citations": punctuate(list(phase.legal_basis.citations), end=";"),
        "proposal_basis": (
            f"Theo đề nghị của Giám đốc {appraiser.name} tại Tờ trình số {BLANK}/TTr-"
            f"{appraiser.abbreviation} {legal_date(None, year=dossier.year)}."
        ),
        "article_1": (
            f"Tặng {award_name(phase)} cho {count_text(counts)} (có danh sách kèm theo) đã có "
            f"thành tích xuất sắc trong {phase_title(phase, campaign)} giai đoạn "
            f"{phase_span(phase)}."
        ),
        "thematic_not_grounds": phase.legal_basis.thematic_award_not_grounds_for_higher,
        "article_2": "Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        "article_3": (
            f"Chánh Văn phòng {issuer.name}, Giám đốc {phase.home_affairs_department.name}, "
            f"Giám đốc {appraiser.name}, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập "
            "thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
        ),
        "recipients": [
            "- Như Điều 3;",
            f"- {appraiser.name};",
            file_keeping(
                phase.issuing_authority.drafting_unit or phase.appraising_department.abbreviation
            ),
        ],
        "signer": _decision_signer(dossier),
        "list_summary": f"Tập thể, cá nhân được tặng {award_name(phase)}",
        "list_reference": (
            f"Kèm theo Quyết định số {number.removeprefix('Số: ')} {dated} "
            f"của Chủ tịch {issuer.name}"
        ),
        "collectives": [
            {"no": i, "name": display_name(c)} for i, c in enumerate(collectives, start=1)
        ],
        "persons": [
            {
                "no": i,
                "name": clean_line(c.full_name),
                "then": post_unit(c.post_then, c.unit_then),
                "now": post_unit(c.post_now, c.unit_now) or post_unit(c.post_then, c.unit_then),
            }
            for i, c in enumerate(persons, start=1)
        ],
        "list_total": f"Danh sách có {count_text(counts)}./.",
    }
