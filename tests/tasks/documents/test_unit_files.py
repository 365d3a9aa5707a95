"""Units' own reports: checked against the form, active content refused, pinned at first use."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from tasks.documents.dossier import render_dossier
from tasks.documents.records import Attachment
from tasks.documents.unit_files import form_problems, pins_key, read_pins, unit_files
from tasks.storage import ObjectStore
from tests.tasks.documents import samples
from tests.tasks.documents.unit_reports import in_form, stub, with_active_content

KEY = "cds-2022-2025/2025/SO-YT/dinh-kem/bao-cao-thanh-tich.docx"


def _phase():  # type: ignore[no-untyped-def]
    campaign, _ = samples.campaign()
    return campaign.phase("tong-ket-2025")


def test_the_form_check_names_what_is_missing() -> None:
    assert form_problems(in_form(), _phase()) == []
    found = form_problems(stub(), _phase())
    assert any("phần đầu văn bản" in reason for reason in found)
    assert any("các phần I" in reason for reason in found)
    assert any("xác nhận" in reason for reason in found)
    assert "khổ giấy không phải A4 (210 × 297 mm)" in found
    active = form_problems(with_active_content(in_form()), _phase())
    assert "có trường tự động DDEAUTO, không được phép" in active
    assert "có trường tự động INCLUDEPICTURE, không được phép" in active
    assert "có liên kết ra bên ngoài (external relationship), không được phép" in active
    assert form_problems(b"PK?", _phase()) == ["tệp không phải văn bản DOCX đọc được"]


def _attachment(store: ObjectStore, bucket: str) -> Attachment:
    info = store.stat(bucket, KEY)
    return Attachment(bucket, KEY, info.version_id, info.size)


def test_a_file_is_pinned_and_a_later_upload_changes_nothing(
    store: ObjectStore, bucket: str
) -> None:
    archive = f"{bucket}-archive"
    store.ensure_bucket(archive)
    good = in_form()
    store.put_bytes(bucket, KEY, good)
    dossier = samples.dossier("tong-ket-2025", collectives=1, persons=1)
    candidate = replace(dossier.candidates[0], attachment=_attachment(store, bucket))
    first = unit_files(
        store, archive, campaign="cds-2022-2025", phase=dossier.phase, candidates=(candidate,)
    )
    pin = first[candidate.nomination_id].pin
    assert first[candidate.nomination_id].data == good
    assert pin.sha256 == hashlib.sha256(good).hexdigest()
    assert store.get_bytes(archive, pin.archive_key) == good

    store.put_bytes(bucket, KEY, with_active_content(good))  # replaced after the decision
    later = replace(candidate, attachment=_attachment(store, bucket))
    again = unit_files(
        store, archive, campaign="cds-2022-2025", phase=dossier.phase, candidates=(later,)
    )
    assert again[candidate.nomination_id].data == good
    assert read_pins(store, archive, pins_key("cds-2022-2025", "tong-ket-2025")) == {KEY: pin}


def test_a_report_out_of_form_goes_back_to_its_unit(store: ObjectStore, bucket: str) -> None:
    archive = f"{bucket}-archive"
    store.ensure_bucket(archive)
    sent = stub()
    store.put_bytes(bucket, KEY, sent)
    dossier = samples.dossier("tong-ket-2025", collectives=1, persons=1)
    candidate = replace(dossier.candidates[0], attachment=_attachment(store, bucket))
    dossier = replace(dossier, candidates=(candidate, *dossier.candidates[1:]))
    rendered = render_dossier(dossier, store=store, archive=archive, workers=1)
    (returned,) = rendered.info["returned"]
    assert returned["source_key"] == KEY
    assert "khổ giấy không phải A4 (210 × 297 mm)" in returned["reasons"]
    report = next(f for f in rendered.files if f.kind == "bao_cao_thanh_tich")
    assert report.source == "generated"  # the Chairman never gets the stub
    assert sent not in [f.data for f in rendered.files]
