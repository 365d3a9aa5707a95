"""Who awards in a movement: the issuing body, its head and deputy, its award forms (data).

A provincial People's Committee, a ministry or a mass organisation runs a movement the same way;
what differs is written here, never in code: who decides ("Chủ tịch Ủy ban nhân dân tỉnh",
"Bộ trưởng Bộ Khoa học và Công nghệ"), how the head and a deputy sign ("CHỦ TỊCH",
"KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), the symbol of its decisions ("QĐ-UBND", "QĐ-BKHCN") and the award
forms it grants. The body's name, header, place, advisory body (Sở Nội vụ, Vụ Tổ chức cán bộ …)
and the decision's legal bases are a phase's (they change with mergers and laws): `Authority`
below and `Phase.legal_basis.citations`.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import ConfigDict, Field, model_validator

from models.nfc_model import NfcModel


class _Strict(NfcModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Authority(_Strict):
    """A body as printed in a document header."""

    name: str = Field(min_length=1, description="Full name, e.g. Ủy ban nhân dân tỉnh Bắc Kạn.")
    header: str = Field(min_length=1, description="As printed, in capitals.")
    parent_header: str = Field("", description="The body above it, in capitals, or empty.")
    abbreviation: str = Field(min_length=1, description="For document numbers, e.g. STTTT.")
    unit_code: str | None = Field(None, description="Its code in the units registry.")
    drafting_unit: str = Field(
        "", description="Who drafts its documents, for 'Lưu: VT, …' (e.g. VP, CĐS)."
    )
    head: str = Field(
        "Giám đốc",
        min_length=1,
        description="Its head's title inside a sentence: Giám đốc, Vụ trưởng, Cục trưởng.",
    )


class Signatory(_Strict):
    """Who signs, and in which capacity."""

    authority_line: str = Field("", description="e.g. KT. CHỦ TỊCH, TM. ỦY BAN NHÂN DÂN.")
    title: str = Field(min_length=1, description="e.g. CHỦ TỊCH, PHÓ CHỦ TỊCH, GIÁM ĐỐC.")
    name: str = Field("", description="Full name; empty leaves the line to fill by hand.")


class IssuerKind(StrEnum):
    """The kind of body that runs the movement and awards in it."""

    PROVINCIAL_COMMITTEE = "provincial_committee"  # Ủy ban nhân dân tỉnh, thành phố
    MINISTRY = "ministry"  # Bộ, cơ quan ngang bộ
    GOVERNMENT_AGENCY = "government_agency"  # cơ quan thuộc Chính phủ
    MASS_ORGANISATION = "mass_organisation"  # tổ chức chính trị - xã hội ở trung ương
    OTHER = "other"


class AwardForm(_Strict):
    """A form of award the issuer grants (Luật Thi đua, khen thưởng 2022, Điều 72-74)."""

    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(
        min_length=1,
        description="As the law and the decision's title name it, e.g. Bằng khen của Chủ tịch "
        "Ủy ban nhân dân tỉnh; Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ.",
    )
    short: str = Field(min_length=1, description="The award itself: Bằng khen, Cờ thi đua.")


class Issuer(_Strict):
    """The body that awards: who decides, how they sign, what it grants."""

    kind: IssuerKind
    head: str = Field(
        min_length=1, description="Who decides, inside a sentence: Chủ tịch, Bộ trưởng."
    )
    head_of: str = Field(
        min_length=1,
        description="The decider as the award forms name them: Chủ tịch Ủy ban nhân dân tỉnh; "
        "Bộ trưởng Bộ Khoa học và Công nghệ.",
    )
    signer_title: str = Field(min_length=1, description="The head signing: CHỦ TỊCH, BỘ TRƯỞNG.")
    deputy_title: str = Field(
        min_length=1, description="A deputy signing: PHÓ CHỦ TỊCH, THỨ TRƯỞNG."
    )
    deputy_authority_line: str = Field(
        min_length=1, description="Above a deputy's title: KT. CHỦ TỊCH, KT. BỘ TRƯỞNG."
    )
    symbol: str = Field(
        min_length=1,
        description="The body's part of its decisions' symbol: UBND (QĐ-UBND), BKHCN. Every "
        "phase's issuing_authority.abbreviation must be this.",
    )
    award_forms: list[AwardForm] = Field(min_length=1)
    award: str = Field(
        "",
        description="The code of the award form the phases grant; empty: the first listed.",
    )

    @model_validator(mode="after")
    def _award_is_listed(self) -> Issuer:
        codes = [form.code for form in self.award_forms]
        if len(set(codes)) != len(codes):
            raise ValueError("award_forms: mã hình thức khen thưởng bị trùng")
        if self.award and self.award not in codes:
            raise ValueError(
                f"award: không có hình thức khen thưởng '{self.award}' trong award_forms "
                f"({', '.join(codes)})"
            )
        return self

    @property
    def award_form(self) -> AwardForm:
        """Return the award form the phases grant."""
        return next(
            (form for form in self.award_forms if form.code == self.award), self.award_forms[0]
        )

    def decider(self, authority: Authority) -> str:
        """Return who decides, with the body's full name: Chủ tịch Ủy ban nhân dân tỉnh X."""
        return f"{self.head} {authority.name}"

    def decision_symbol(self) -> str:
        """Return the symbol of the issuer's decisions: QĐ-UBND, QĐ-BKHCN."""
        return f"QĐ-{self.symbol}"

    def signer_lines(self, title: str) -> tuple[str, str]:
        """Return (authority line, title) of a signature: the head alone, a deputy 'KT.'."""
        return ("", title) if title == self.signer_title else (self.deputy_authority_line, title)


PROVINCIAL_COMMITTEE = Issuer(
    kind=IssuerKind.PROVINCIAL_COMMITTEE,
    head="Chủ tịch",
    head_of="Chủ tịch Ủy ban nhân dân tỉnh",
    signer_title="CHỦ TỊCH",
    deputy_title="PHÓ CHỦ TỊCH",
    deputy_authority_line="KT. CHỦ TỊCH",
    symbol="UBND",
    award_forms=[
        AwardForm(
            code="bang-khen",
            name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            short="Bằng khen",
        )
    ],
)
"""What a campaign file without an 'issuer' runs under: a provincial People's Committee."""
