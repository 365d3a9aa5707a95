"""The Bắc Kạn documents are byte-identical to those rendered before the issuer became data.

golden-bac-kan.json holds the SHA-256 of every DOCX of both phases' sample dossiers (draft and
decided, merged dossier included) and of each year's summary report, captured on the commit
before the issuer's wording moved to the campaign file (874f031). Only the manifest may differ:
it records the hash of the campaign file and of the documents' inputs, which now name the issuer.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tasks.documents.dossier import assemble, render_dossier
from tasks.documents.yearly import render_yearly_report, yearly_context
from tests.tasks.documents import samples
from tests.tasks.documents.test_templates import summary

GOLDEN = Path(__file__).with_name("golden-bac-kan.json")


def bac_kan_hashes() -> dict[str, str]:
    """Return the hash of every Bắc Kạn sample document, named as in golden-bac-kan.json."""
    found = {}
    for phase in ("so-ket-2023", "tong-ket-2025"):
        for decided in (False, True):
            rendered = render_dossier(samples.dossier(phase, decided=decided), workers=1)
            for item in assemble(rendered, code_version="golden").files:
                if item.name.endswith(".docx"):
                    state = "decided" if decided else "draft"
                    found[f"{phase}/{state}/{item.name}"] = item.sha256
    campaign, _ = samples.campaign()
    for year in campaign.years:
        context = yearly_context(campaign=campaign, year=year, summary=summary(), leading=[])
        data = render_yearly_report(context, campaign=campaign, year=year)
        found[f"yearly/{year}"] = hashlib.sha256(data).hexdigest()
    return found


def test_bac_kan_documents_are_byte_identical_to_before_the_issuer_became_data() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(golden) == 36
    assert bac_kan_hashes() == golden
