"""The digest that tells a cached demo upload or dossier from one made by other code."""

from __future__ import annotations

from tasks.source_digest import source_digest


def test_the_same_code_gives_the_same_digest_and_other_code_another() -> None:
    documents = source_digest(["tasks/documents"], ["docxtpl"])
    assert documents == source_digest(["tasks/documents"], ["docxtpl"])
    assert documents != source_digest(["tasks/documents", "models/report_format.py"], ["docxtpl"])
    assert documents != source_digest(["tasks/demo"], ["docxtpl"])
    assert documents != source_digest(["tasks/documents"], ["docxtpl", "openpyxl"])


def test_a_library_that_is_not_installed_is_named_not_fatal() -> None:
    assert source_digest([], ["no-such-library-here"]) != source_digest([], [])
