"""What the review bodies decide, as typed forms that the Prefect UI renders and the CLI reads."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"


class _Form(BaseModel):
    """Base: unknown fields are errors, text is NFC and trimmed."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _nfc(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: _clean(value) for key, value in data.items()}
        return data


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).replace("\u00a0", " ").strip()
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


class Decider(_Form):
    """Who decides, as entered: the Prefect OSS server records no identity, so we do."""

    decider_name: str = Field(min_length=1, max_length=255, title="Họ tên người quyết định")
    decider_role: str = Field(
        min_length=1,
        max_length=64,
        title="Vai trò",
        description="Mã vai trò trong quy trình: council, home_affairs, chairman_office, ...",
    )


class Attendee(_Form):
    """A council member present at the meeting."""

    name: str = Field(min_length=1, max_length=255, title="Họ tên")
    post: str = Field("", max_length=255, title="Chức vụ")


class CandidateVote(_Form):
    """The council's vote on one nomination."""

    nomination_id: int = Field(title="Mã đề nghị")
    accept: bool = Field(title="Đề xuất khen thưởng")
    votes_for: int = Field(ge=0, title="Số phiếu đồng ý")
    votes_against: int = Field(0, ge=0, title="Số phiếu không đồng ý")
    votes_abstain: int = Field(0, ge=0, title="Số phiếu không biểu quyết")
    written_for: int = Field(
        0, ge=0, title="Số thành viên vắng mặt đồng ý bằng văn bản (Điều 45 NĐ 91/2017)"
    )
    return_for_completion: bool = Field(
        False, title="Trả lại để bổ sung hồ sơ (thay cho không đề xuất)"
    )
    reason: str = Field("", max_length=4000, title="Lý do (bắt buộc khi không đề xuất)")


class CouncilDecision(Decider):
    """The appraisal council's meeting and its vote on every candidate under appraisal."""

    meeting_date: dt.date = Field(title="Ngày họp")
    start_time: str = Field("08:00", pattern=TIME_PATTERN, title="Giờ bắt đầu (HH:MM)")
    end_time: str = Field("11:00", pattern=TIME_PATTERN, title="Giờ kết thúc (HH:MM)")
    venue: str = Field(min_length=1, max_length=500, title="Địa điểm")
    chair_name: str = Field(min_length=1, max_length=255, title="Chủ tọa")
    chair_post: str = Field("", max_length=255, title="Chức vụ chủ tọa")
    secretary_name: str = Field(min_length=1, max_length=255, title="Thư ký")
    secretary_post: str = Field("", max_length=255, title="Chức vụ thư ký")
    members_total: int = Field(ge=1, title="Tổng số thành viên Hội đồng")
    attendees: list[Attendee] = Field(min_length=1, title="Thành viên có mặt")
    votes: list[CandidateVote] = Field(title="Biểu quyết từng trường hợp")

    @field_validator("end_time")
    @classmethod
    def _ends_after_start(cls, value: str, info: Any) -> str:
        start = info.data.get("start_time")
        if start is not None and value <= start:
            raise ValueError("giờ kết thúc phải sau giờ bắt đầu")
        return value


class VerificationItem(_Form):
    """Sở Nội vụ's word on one proposed nomination."""

    nomination_id: int = Field(title="Mã đề nghị")
    agree: bool = Field(True, title="Thống nhất")
    comment: str = Field("", max_length=4000, title="Ý kiến (bắt buộc khi trả lại)")


class VerificationDecision(Decider):
    """Sở Nội vụ's verification of the council's proposal."""

    items: list[VerificationItem] = Field(title="Ý kiến từng trường hợp")


class ChairmanDecision(Decider):
    """The Chairman's decision: its number, date, signer, and who is awarded."""

    number: str = Field(min_length=1, max_length=64, title="Số quyết định (ví dụ 1234/QĐ-UBND)")
    signed_on: dt.date = Field(title="Ngày ký")
    signer_name: str = Field(min_length=1, max_length=255, title="Người ký")
    signer_title: str = Field("CHỦ TỊCH", min_length=1, max_length=255, title="Chức danh người ký")
    awarded: list[int] = Field(title="Mã các đề nghị được khen thưởng")
    refusal_reason: str = Field(
        "", max_length=4000, title="Lý do không khen thưởng các trường hợp còn lại"
    )
