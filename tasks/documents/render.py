"""Render a .docx template (docxtpl) into stable bytes: fixed properties, a deterministic zip."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment

from tasks.documents import render_pool
from tasks.documents.escape import clean_context
from tasks.documents.package import ZIP_EPOCH, package_bytes
from tasks.documents.template_cache import CachedDocxTemplate, shared_environment

POOL_THRESHOLD = 120  # measured: below this, starting spawned workers costs more than they save
WARM_POOL_THRESHOLD = 16  # once the pool runs, it pays from a few dozen documents


@lru_cache(maxsize=1)
def templates_dir() -> Path:
    """Return the doc_templates folder: beside the code, or in the working directory."""
    beside = Path(__file__).resolve().parents[2] / "doc_templates"
    return beside if beside.is_dir() else Path.cwd() / "doc_templates"


def template_path(template_set: str | None, name: str) -> Path:
    """Return the path of a template, in a legal basis' set or shared by all sets."""
    folder = templates_dir() / template_set if template_set else templates_dir()
    path = folder / name
    if not path.is_file():
        raise FileNotFoundError(f"Không có mẫu văn bản {path}.")
    return path


@dataclass(frozen=True)
class Picture:
    """A PNG to place in a document at a given width."""

    png: bytes
    width_mm: float


@dataclass(frozen=True)
class Properties:
    """The core properties written into a document, all derived from its inputs."""

    title: str
    author: str
    created: datetime
    subject: str = ""
    keywords: str = ""
    category: str = ""


@dataclass(frozen=True)
class RenderJob:
    """One document to render: the template, the context and the properties."""

    template: Path
    context: Mapping[str, Any]
    properties: Properties


def jinja_env() -> Environment:
    """Return the environment templates are rendered in: escaping on, unknown names fail.

    One per process: it keeps every template part it compiled (template_cache.py).
    """
    return shared_environment()


def _with_pictures(value: Any, template: DocxTemplate) -> Any:
    if isinstance(value, Picture):
        return InlineImage(template, io.BytesIO(value.png), width=Mm(value.width_mm))
    if isinstance(value, Mapping):
        return {key: _with_pictures(item, template) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_with_pictures(item, template) for item in value]
    return value


def undeclared_variables(template: Path, context: Mapping[str, Any]) -> set[str]:
    """Return the names the template uses that the context does not give."""
    return DocxTemplate(str(template)).get_undeclared_template_variables(jinja_env(), dict(context))


def set_properties(document: DocumentObject, properties: Properties) -> None:
    """Write fixed core properties, so that the same inputs give the same bytes."""
    core = document.core_properties
    core.title = properties.title[:255]
    core.subject = properties.subject[:255]
    core.author = properties.author[:255]
    core.last_modified_by = properties.author[:255]
    core.keywords = properties.keywords[:255]
    core.category = properties.category[:255]
    core.comments = ""
    core.language = "vi-VN"
    core.revision = 1
    core.created = properties.created
    core.modified = properties.created
    core.last_printed = properties.created


def stable_zip(data: bytes) -> bytes:
    """Return the package rewritten with fixed entry dates and attributes, order kept."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    order = sorted(names, key=lambda name: (name != "[Content_Types].xml", names.index(name)))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return output.getvalue()


def save_stable(document: DocumentObject, properties: Properties) -> bytes:
    """Return a python-docx document's bytes with fixed properties and a stable zip.

    The same bytes as saving it and rewriting the zip with stable_zip, in one pass.
    """
    set_properties(document, properties)
    return package_bytes(document.part.package)


def render_docx(template: Path, context: Mapping[str, Any], properties: Properties) -> bytes:
    """Render template with the context (text cleaned, escaped) into stable .docx bytes."""
    document = CachedDocxTemplate(str(template))
    document.render(
        _with_pictures(clean_context(dict(context)), document), jinja_env(), autoescape=True
    )
    set_properties(document.docx, properties)
    if any(
        (
            document.pics_to_replace,
            document.crc_to_new_media,
            document.crc_to_new_embedded,
            document.zipname_to_replace,
        )
    ):
        buffer = io.BytesIO()  # docxtpl's replacements rewrite the saved package: its own save
        document.save(buffer)
        return stable_zip(buffer.getvalue())
    return package_bytes(document.docx.part.package)


def render_job(job: RenderJob) -> bytes:
    """Render one job (a module-level function, so that a process pool can run it)."""
    return render_docx(job.template, job.context, job.properties)


def default_workers() -> int:
    """Return how many processes to render with: the cores this process may use, at most four."""
    return max(1, min(4, render_pool.cores()))


def render_many(
    jobs: Sequence[RenderJob], *, workers: int | None = None, min_jobs: int = POOL_THRESHOLD
) -> list[bytes]:
    """Render jobs in order: in the process's pool (render_pool.py) when it runs already and
    there are a few dozen, or when there are min_jobs or more (then it is started)."""
    workers = default_workers() if workers is None else workers
    warm = render_pool.running(workers) and len(jobs) >= min(min_jobs, WARM_POOL_THRESHOLD)
    if workers < 2 or not (warm or len(jobs) >= min_jobs):
        return [render_job(job) for job in jobs]
    chunk = max(1, len(jobs) // (workers * 4))
    return list(render_pool.pool(workers).map(render_job, jobs, chunksize=chunk))


def fixed_time(value: datetime | None, *, year: int) -> datetime:
    """Return the timestamp written into documents: from the inputs, never the clock."""
    if value is not None:
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime(year, 1, 1, tzinfo=UTC)
