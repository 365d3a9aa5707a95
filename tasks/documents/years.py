"""A unit's yearly results over a phase, followed across mergers to its predecessors."""

from __future__ import annotations

from sqlmodel import Session, col, select

from models.campaign import Campaign, Phase
from models.tables import UnitYearResult
from tasks.documents.facts import UnitBook
from tasks.documents.records import YearFigures, YearResult
from tasks.registry.queries import history, predecessor_map

REPORTED = ("on_time", "late")


class PhaseYears:
    """The phase's yearly results of every unit, read once, followed across mergers."""

    def __init__(
        self, session: Session, *, campaign: Campaign, phase: Phase, book: UnitBook
    ) -> None:
        rows = session.exec(
            select(UnitYearResult).where(
                UnitYearResult.campaign_code == campaign.code,
                col(UnitYearResult.year).in_(phase.years),
            )
        ).all()
        self.rows = {(row.unit_code, row.year): row for row in rows}
        self.merged = predecessor_map(session, registry=campaign.registry)
        self.years = phase.years
        self.book = book

    def figures(self) -> tuple[YearFigures, ...]:
        """Return the movement's figures per phase year."""
        result = []
        for year in self.years:
            rows = [row for (_, y), row in sorted(self.rows.items()) if y == year]
            done = [row for row in rows if row.report_status in REPORTED]
            scores = [row.score for row in done if row.score is not None]
            every = [
                row
                for row in done
                if (items := row.breakdown.get("criteria", []))
                and all(item.get("status") != "not_met" for item in items)
            ]
            result.append(
                YearFigures(
                    year=year,
                    expected=len(rows),
                    reported=len(done),
                    on_time=sum(row.report_status == "on_time" for row in done),
                    mean_score=sum(scores) / len(scores) if scores else None,
                    criteria_met=len(every),
                )
            )
        return tuple(result)

    def of(self, code: str) -> tuple[YearResult, ...]:
        """Return the unit's result per phase year, a predecessor's where it has none."""
        predecessors = history(code, self.merged)[1:]
        results = []
        for year in self.years:
            own = self.rows.get((code, year))
            if (own is not None and own.report_status in REPORTED) or not predecessors:
                results.append(_year(year, [own] if own else [], own_code=code, book=self.book))
                continue
            inherited = [
                self.rows[(p, year)]
                for p in predecessors
                if (p, year) in self.rows and self.rows[(p, year)].report_status in REPORTED
            ]
            results.append(
                _year(year, inherited or ([own] if own else []), own_code=code, book=self.book)
            )
        return tuple(results)


def _year(year: int, rows: list[UnitYearResult], *, own_code: str, book: UnitBook) -> YearResult:
    if not rows:
        return YearResult(year=year, status="none")
    if len(rows) == 1:
        row = rows[0]
        return YearResult(
            year=year,
            status=row.report_status,
            score=row.score,
            rank=row.rank_in_block,
            block=row.block,
            criteria=tuple(row.breakdown.get("criteria", [])),
            from_units=() if row.unit_code == own_code else (_name(book, row.unit_code),),
        )
    scores = [row.score for row in rows if row.score is not None]
    return YearResult(
        year=year,
        status="on_time" if all(r.report_status == "on_time" for r in rows) else "late",
        score=round(sum(scores) / len(scores), 2) if scores else None,
        from_units=tuple(sorted(_name(book, row.unit_code) for row in rows)),
    )


def _name(book: UnitBook, code: str) -> str:
    unit = book.get(code)
    return unit.name if unit is not None else code
