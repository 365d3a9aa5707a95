"""The council's voting rules, from the campaign: quorum and the share of members in favour."""

from __future__ import annotations

import math

from models.award_rules import CouncilRules
from models.review_decisions import CandidateVote, CouncilDecision


def quorum_needed(rules: CouncilRules, total: int) -> int:
    """Return the fewest members present that make a quorum out of total."""
    return math.floor(rules.quorum_more_than * total + 1e-9) + 1


def no_quorum_reason(rules: CouncilRules, decision: CouncilDecision) -> str | None:
    """Return why the meeting cannot decide (too few members present), or None when it can."""
    present, total = len(decision.attendees), decision.members_total
    if rules.quorate(present=present, total=total):
        return None
    return (
        f"Phiên họp không đủ số thành viên: có mặt {present}/{total}, cần ít nhất "
        f"{quorum_needed(rules, total)} (trên {rules.quorum_more_than:.0%} tổng số thành viên "
        f"Hội đồng). Hội đồng không xét, không biểu quyết; các đề nghị giữ nguyên trạng thái "
        "«Đang thẩm định» chờ phiên họp sau."
    )


def in_favour(rules: CouncilRules, vote: CandidateVote) -> int:
    """Return the votes in favour: those present, and absent members' written opinions."""
    return vote.votes_for + (vote.written_for if rules.written_opinions_count else 0)


def vote_problems(
    rules: CouncilRules, decision: CouncilDecision, vote: CandidateVote, label: str
) -> list[str]:
    """Return every council rule one vote breaks."""
    present, total = len(decision.attendees), decision.members_total
    problems = []
    cast = vote.votes_for + vote.votes_against + vote.votes_abstain
    if cast > present:
        problems.append(f"{label}: tổng số phiếu ({cast}) lớn hơn số thành viên có mặt.")
    if vote.written_for > total - present:
        problems.append(
            f"{label}: {vote.written_for} ý kiến bằng văn bản nhưng chỉ có "
            f"{total - present} thành viên vắng mặt."
        )
    if vote.accept and vote.return_for_completion:
        problems.append(f"{label}: không thể vừa đề xuất vừa trả lại để bổ sung.")
    needed = rules.needed(total)
    if vote.accept and in_favour(rules, vote) < needed:
        problems.append(
            f"{label}: đề xuất cần ít nhất {needed}/{total} thành viên Hội đồng đồng ý "
            f"({rules.approval_share:.0%} tổng số thành viên), mới có {in_favour(rules, vote)}."
        )
    if not vote.accept and not vote.reason:
        problems.append(f"{label}: không đề xuất hoặc trả lại phải ghi rõ lý do.")
    return problems
