"""SQLModel tables; importing this package registers all of them on SQLModel.metadata."""

from models.tables.account import Account, AccountAction, AccountRole
from models.tables.campaign import CampaignRecord
from models.tables.document import GeneratedDocument
from models.tables.giay_khen import (
    AwardGranted,
    GiayKhenCandidate,
    GiayKhenDecision,
    GiayKhenRoundRecord,
)
from models.tables.inbox import InboxVersion, VersionKind, VersionState
from models.tables.nomination import Nomination, Nominee
from models.tables.results import PhaseCandidate, PhaseResult, UnitYearResult, YearAggregate
from models.tables.review import AwardDecision, CouncilMeeting, CouncilVote
from models.tables.submission import Finding, IndicatorValue, Submission, SubmissionStatus
from models.tables.unit import RegistryLoad, Unit, UnitBase
from models.tables.workflow import WorkflowTransition

__all__ = [
    "Account",
    "AccountAction",
    "AccountRole",
    "AwardDecision",
    "AwardGranted",
    "CampaignRecord",
    "CouncilMeeting",
    "CouncilVote",
    "Finding",
    "GeneratedDocument",
    "GiayKhenCandidate",
    "GiayKhenDecision",
    "GiayKhenRoundRecord",
    "InboxVersion",
    "IndicatorValue",
    "Nomination",
    "Nominee",
    "PhaseCandidate",
    "PhaseResult",
    "RegistryLoad",
    "Submission",
    "SubmissionStatus",
    "Unit",
    "UnitBase",
    "UnitYearResult",
    "VersionKind",
    "VersionState",
    "WorkflowTransition",
    "YearAggregate",
]
