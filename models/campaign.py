"""The campaign file: everything a plan fixes and the law changed, validated by pydantic."""

from __future__ import annotations

import datetime as dt
import hashlib
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from models.award_rules import CouncilRules, Eligibility
from models.campaign_issuer import (  # noqa: F401 (Authority, Signatory: re-exported)
    PROVINCIAL_COMMITTEE,
    Authority,
    Issuer,
    Signatory,
)
from models.campaign_phase import (  # noqa: F401 (re-exported: the campaign file's parts)
    PERSONAL_RULES,
    Deadline,
    LegalBasis,
    Phase,
    Quotas,
    TieBreak,
)
from models.campaign_types import Code, Fraction, UnitKind, UnitLevel  # noqa: F401
from models.indicators import (  # noqa: F401 (re-exported: the campaign file's parts)
    Applicability,
    Indicator,
    IndicatorKind,
    IndicatorRole,
    InitiativeBonus,
    LatePenalty,
    MissingReport,
    Outliers,
    Scoring,
    Target,
)
from models.nfc_model import Strict
from models.vocabulary import Organisation, UnitVocabulary

CAMPAIGNS_DIR = Path(__file__).parent / "campaigns"
FIELD_PROBLEMS = "các trường sai:\n"
LANG_SON_COUNCIL = (
    "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng tỉnh Lạng Sơn ban hành kèm theo "
    "Quyết định số 1338/QĐ-UBND ngày 17/7/2018 của UBND tỉnh Lạng Sơn: các tập thể, cá nhân "
    "đưa ra Hội đồng xét, đề nghị khen thưởng đều phải được biểu quyết và đạt tỉ lệ từ 70% trở "
    "lên tính trên tổng số thành viên Hội đồng; Hội đồng quyết định các vấn đề theo đa số"
)


class ReportingBody(Strict):
    """Who reports on the movement's yearly results from a date on (the map moved in 2025)."""

    valid_from: dt.date
    issuing_authority: Authority
    appraising_department: Authority
    home_affairs_department: Authority
    place: str = Field(min_length=1)
    signatory: Signatory = Field(default_factory=lambda: Signatory(title="GIÁM ĐỐC"))


class Plan(Strict):
    """The document that launched the movement."""

    number: str = Field(min_length=1)
    date: dt.date
    issuer: str = Field(min_length=1)


class Campaign(Strict):
    """A movement: indicators, scoring, deadline and phases."""

    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    province: str = Field(min_length=1)
    organisation: Organisation = Field(description="The body that runs the campaign.")
    plan: Plan
    legal_bases: list[str] = Field(min_length=1)
    years: list[int] = Field(min_length=1)
    timezone: str = "Asia/Ho_Chi_Minh"
    deadline: Deadline
    template_version: str = Field(min_length=1)
    unit_kinds: list[UnitKind] = Field(min_length=1, description="The kinds of unit that report.")
    priority_areas: list[str] = Field(default_factory=list)
    indicators: list[Indicator] = Field(min_length=1)
    free_indicator_prefix: str = "KHAC_"
    scoring: Scoring
    registry: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="The units registry (province or organisation) the campaign reads.",
    )
    unit_vocabulary: UnitVocabulary = Field(
        description="The unit kinds and levels of its registry, with their Vietnamese labels."
    )
    issuer: Issuer = Field(
        PROVINCIAL_COMMITTEE,
        description="Who awards: decider, signatures, award forms (models/campaign_issuer.py).",
    )
    eligibility: Eligibility = Field(default_factory=Eligibility)
    council: CouncilRules = Field(default_factory=lambda: CouncilRules(regulation=LANG_SON_COUNCIL))
    reporting_bodies: list[ReportingBody] = Field(
        default_factory=list,
        description="Who issues the yearly summary, by date; empty: the authorities of the "
        "first phase ending in or after the year.",
    )
    phases: list[Phase] = Field(min_length=1)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"múi giờ không hợp lệ: {value}") from error
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Campaign:
        codes = [indicator.code for indicator in self.indicators]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValueError(f"mã chỉ tiêu bị trùng: {', '.join(duplicates)}")
        if sorted(set(self.years)) != self.years:
            raise ValueError("years phải tăng dần, không trùng")
        bonus = self.scoring.initiative_bonus
        if bonus and bonus.indicator not in codes:
            raise ValueError(
                f"scoring.initiative_bonus.indicator: không có chỉ tiêu {bonus.indicator}"
            )
        problems = self._undeclared_terms()
        if problems:
            raise ValueError(FIELD_PROBLEMS + "\n".join(problems))
        phase_codes = [phase.code for phase in self.phases]
        if len(set(phase_codes)) != len(phase_codes):
            raise ValueError("mã đợt (phases.code) bị trùng")
        for phase in self.phases:
            outside = sorted(set(phase.years) - set(self.years))
            if outside:
                raise ValueError(f"đợt {phase.code}: năm {outside} nằm ngoài years của phong trào")
        for phase in self.phases:
            issuer = self.issuer_of(phase)
            if phase.issuing_authority.abbreviation != issuer.symbol:
                raise ValueError(
                    f"đợt {phase.code}: cơ quan ban hành viết tắt "
                    f"'{phase.issuing_authority.abbreviation}' nhưng issuer.symbol là "
                    f"'{issuer.symbol}' - khai báo 'issuer' đúng cơ quan khen thưởng"
                )
        for indicator in self.indicators:
            outside = sorted(set(indicator.applies_to.years) - set(self.years))
            if outside:
                raise ValueError(f"chỉ tiêu {indicator.code}: năm {outside} nằm ngoài years")
        return self

    def _undeclared_terms(self) -> list[str]:
        words = self.unit_vocabulary
        problems = words.undeclared("unit_kinds", self.unit_kinds, kind=True)
        for index, item in enumerate(self.indicators):
            where = f"indicators[{index}]"
            problems += words.undeclared(
                f"{where}.applies_to.kinds", item.applies_to.kinds, kind=True
            )
            problems += words.undeclared(
                f"{where}.applies_to.levels", item.applies_to.levels, kind=False
            )
            if item.target is not None:
                levels = list(item.target.by_level)
                problems += words.undeclared(
                    f"{where}.target.by_level", levels, kind=False, keys=True
                )
        return problems

    def phase_date(self, phase: Phase) -> date:
        """Return the date a phase is read as of: the report deadline of its last year."""
        return self.deadline_for(max(phase.years)).date()

    def issuer_of(self, phase: Phase) -> Issuer:
        """Return who awards in phase: its own issuer, else the campaign's."""
        return phase.issuer or self.issuer

    def indicator(self, code: str) -> Indicator:
        """Return the indicator with code."""
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)

    def phase(self, code: str) -> Phase:
        """Return the phase with code (or whose kind is code)."""
        for phase in self.phases:
            if code in (phase.code, phase.kind):
                return phase
        raise KeyError(code)

    def reporting_body(self, year: int) -> ReportingBody:
        """Return who reports on year's results: the body in force on that year's deadline."""
        on = self.deadline_for(year).date()
        in_force = [body for body in self.reporting_bodies if body.valid_from <= on]
        if in_force:
            return max(in_force, key=lambda body: body.valid_from)
        later = [phase for phase in self.phases if max(phase.years) >= year]
        phase = (
            min(later, key=lambda p: (max(p.years), p.code))
            if later
            else max(self.phases, key=lambda p: (max(p.years), p.code))
        )
        return ReportingBody(
            valid_from=date(min(phase.years), 1, 1),
            issuing_authority=phase.issuing_authority,
            appraising_department=phase.appraising_department,
            home_affairs_department=phase.home_affairs_department,
            place=phase.place,
            signatory=phase.signatories.get("appraiser") or Signatory(title="GIÁM ĐỐC"),
        )

    def deadline_for(self, year: int) -> datetime:
        """Return the report deadline of year as a timezone-aware datetime."""
        return datetime.combine(
            date(year, self.deadline.month, self.deadline.day),
            self.deadline.time,
            tzinfo=ZoneInfo(self.timezone),
        )

    def applicable_indicators(self, *, kind: str, level: str, year: int) -> list[Indicator]:
        """Return the indicators that concern a unit of kind and level in year."""
        return [
            i for i in self.indicators if i.applies_to.covers(kind=kind, level=level, year=year)
        ]


class CampaignFileError(ValueError):
    """A campaign file that cannot be loaded, with messages naming the field."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def _field_path(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(gốc)"


def _problems(item: Any) -> list[str]:
    """Return one error's problems, each naming its field (a check of the whole file names them
    in its message)."""
    message = str(item["msg"])
    marker = f"Value error, {FIELD_PROBLEMS}"
    if not item["loc"] and message.startswith(marker):
        return message.removeprefix(marker).split("\n")
    return [f"{_field_path(item['loc'])}: {message}"]


def load_campaign(path: Path) -> tuple[Campaign, str]:
    """Load and validate a campaign file; return it with the SHA-256 of its bytes."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CampaignFileError(path, [f"không đọc được tệp: {error.strerror}"]) from error
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise CampaignFileError(path, ["tệp phải mã hóa UTF-8"]) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark else ""
        raise CampaignFileError(path, [f"{where}YAML không hợp lệ ({error})"]) from error
    if not isinstance(data, dict):
        raise CampaignFileError(path, ["tệp phải là một ánh xạ YAML (khóa: giá trị)"])
    try:
        campaign = Campaign.model_validate(data)
    except ValidationError as error:
        problems = [
            problem for item in error.errors(include_url=False) for problem in _problems(item)
        ]
        raise CampaignFileError(path, problems) from error
    return campaign, hashlib.sha256(raw).hexdigest()


def shipped_campaign_path(code: str) -> Path:
    """Return the path of a campaign file shipped with thidua."""
    return CAMPAIGNS_DIR / f"{code}.yaml"
