"""What a phase's documents need beyond the rules: council members, numbers, the cash award."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CouncilMember(_Frozen):
    """A member of the appraisal council, as the decision setting it up names them."""

    name: str = Field(min_length=1)
    post: str = Field("", description="Post in the council, e.g. Chủ tịch Hội đồng.")


class DocumentNumber(_Frozen):
    """A registered number and date of a document (given by the văn thư when it is issued)."""

    number: int = Field(ge=1)
    date: date


class CashAward(_Frozen):
    """The money that goes with the award, by the phase's law."""

    basis: str = Field(min_length=1, description="e.g. Điều 72 Nghị định số 91/2017/NĐ-CP.")
    base_salary: int = Field(gt=0, description="Mức lương cơ sở, đồng.")
    base_salary_basis: str = Field(min_length=1, description="The decree fixing it.")
    collective_factor: float = Field(gt=0)
    individual_factor: float = Field(gt=0)
    funding: str = Field(min_length=1, description="Where the money comes from.")


class PhaseDocuments(_Frozen):
    """Document facts of a phase; each may be left out, the documents leave the line blank."""

    council: list[CouncilMember] = Field(default_factory=list)
    to_trinh: DocumentNumber | None = Field(
        None, description="The appraising department's Tờ trình to the Chairman."
    )
    bien_ban: DocumentNumber | None = Field(None, description="The council's minutes.")
    home_affairs_to_trinh: DocumentNumber | None = Field(
        None, description="Sở Nội vụ's Tờ trình the decision cites ('Theo đề nghị của …')."
    )
    cash_award: CashAward | None = None
