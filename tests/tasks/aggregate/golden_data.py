"""The golden dataset: a registry with mergers, four years of varied reports, two phases."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlmodel import Session, col

from models.tables import AwardDecision, IndicatorValue, Nomination, Nominee, Submission, Unit
from tasks.registry.upsert import import_registry

REGISTRY = Path(__file__).resolve().parents[3] / "models" / "data" / "units-bac-kan.csv"
YEARS = (2022, 2023, 2024, 2025)
SHA = "c" * 64
BASE = {
    "KH_PHAT_DONG": (None, 1),
    "NV_DUNG_HAN": (40, 38),
    "BC_DUNG_HAN": (12, 12),
    "HSCV_MANG": (1200, 1150),
    "VBDT": (3400, 3300),
    "CSDL_LGSP": (3, 2),
    "SANG_KIEN": (None, 3),
    "DAO_TAO": (85, 80),
}
NAMES = ("Nguyễn Thị Hoa", "Trần Văn Nam", "Lê Thị Mai", "Phạm Văn Hùng", "Hoàng Thị Lan")


def _values(rng: random.Random, *, good: bool) -> dict[str, tuple[float | None, float | None]]:
    values: dict[str, tuple[float | None, float | None]] = {}
    for code, (total, achieved) in BASE.items():
        roll = rng.random()
        if good:
            t = None if total is None else float(total * rng.choice((1, 2, 3)))
            values[code] = (t, t if t is not None else float(rng.randint(1, 4)))
            continue
        if roll < 0.05:
            continue  # not reported
        if total is None:
            values[code] = (None, float(rng.randint(0, 6)) if roll > 0.1 else achieved)
            continue
        scale = rng.choice((1, 1, 1, 2, 10, 40)) if roll > 0.15 else 0
        t = total * scale
        a = min(t, round(t * rng.uniform(0.3, 1.0))) if rng.random() > 0.3 else t
        values[code] = (float(t), float(a) if rng.random() > 0.03 else None)
    return values


def seed(session: Session, rng: random.Random) -> None:
    """Fill a database: registry with mergers, four years of reports, two phases' nominations."""
    import_registry(session, path=REGISTRY)
    now = datetime.now(UTC)
    session.execute(
        insert(Unit),
        [
            {
                "code": f"X-G{i:03d}",
                "registry_code": "bac-kan",
                "name": f"UBND xã Thử Nghiệm {i}",
                "kind": "xa",
                "level": "xa",
                "block": None if i % 11 == 0 else f"Cụm thử nghiệm {i % 3}",
                "valid_from": date(2022, 1, 1),
                "created_at": now,
                "updated_at": now,
            }
            for i in range(40)
        ],
    )
    codes = list(session.exec(select(Unit.code).order_by(col(Unit.code))).scalars())  # type: ignore[call-overload]
    n = 0
    counted: dict[tuple[str, int], int] = {}
    good = set(codes[::3])
    for year in YEARS:
        for code in codes:
            roll = 1.0 if code in good else rng.random()
            if roll < 0.08:
                continue  # missing
            n += 1
            status = "invalid" if roll < 0.14 else "valid"
            submission = Submission(
                campaign_code="cds-2022-2025",
                year=year,
                folder_unit_code=code,
                unit_code=code,
                bucket="b",
                object_key=f"{year}/{code}/bc.xlsx",
                version_key=f"v{n}",
                etag="e",
                sha256=hashlib.sha256(f"{code}{year}{n}".encode()).hexdigest(),
                size=1,
                uploaded_at=datetime(year, 12, 1, tzinfo=UTC),
                status=status,
                is_late=rng.random() < (0.03 if code in good else 0.15),
                is_counted=status == "valid",
            )
            session.add(submission)
            session.flush()
            assert submission.id is not None
            if status == "valid":
                counted[(code, year)] = submission.id
            for indicator, (total, achieved) in _values(rng, good=code in good).items():
                session.add(
                    IndicatorValue(
                        submission_id=submission.id,
                        indicator_code=indicator,
                        total=total,
                        achieved=achieved,
                    )
                )
    for phase, year in (("so-ket-2023", 2023), ("tong-ket-2025", 2025)):
        for (code, y), submission_id in sorted(counted.items()):
            if y != year:
                continue
            for row in range(rng.randint(0, 4)):
                person = row > 0 or rng.random() < 0.3
                name = rng.choice(NAMES) if person else f"Tập thể {code}"
                nominee = Nominee(
                    kind="ca_nhan" if person else "tap_the",
                    full_name=name if rng.random() > 0.1 else name.upper(),
                    unit_code=code if not person and rng.random() < 0.8 else None,
                    gender=rng.choice(("nam", "nu", None)) if person else None,
                    birth_date=date(1980, rng.randint(1, 2), 1)
                    if person and rng.random() < 0.9
                    else None,
                    women_share=None if person else rng.choice((None, 0.5, 0.8)),
                )
                session.add(nominee)
                session.flush()
                assert nominee.id is not None
                session.add(
                    Nomination(
                        campaign_code="cds-2022-2025",
                        phase_code=phase,
                        submission_id=submission_id,
                        proposing_unit_code=code,
                        nominee_id=nominee.id,
                        row=row + 2,
                        initiatives=rng.choice((None, "Một", "Một; Hai", "A\nB\nC")),
                        dossier_complete=rng.random() < 0.85,
                        state="awarded"
                        if phase == "so-ket-2023" and rng.random() < 0.4
                        else "submitted",
                    )
                )
    session.add(
        AwardDecision(
            campaign_code="cds-2022-2025",
            phase_code="so-ket-2023",
            number="123/QĐ-UBND",
            signed_on=date(2024, 1, 5),
            signer_name="Đàm Quang Huy",
            signer_title="PHÓ CHỦ TỊCH",
            recorded_by_name="t",
            recorded_by_role="t",
            data_sha256=SHA,
        )
    )
