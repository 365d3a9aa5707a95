"""docxtpl with what does not change between documents done once per process.

docxtpl compiles every part of a template (body, headers, footers, nine properties) from a string
with jinja for each document it renders, after cleaning the part's XML with a dozen regular
expressions. Both depend on the template's text only, so they are kept, keyed by that text: the
same template gives the same compiled jinja template, and the output is the same bytes.
"""

from __future__ import annotations

import threading
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template

_LOCK = threading.Lock()
MAX_SOURCES = 512  # compiled parts kept: the dossier's templates have about 50


class CachingEnvironment(Environment):
    """A jinja environment whose from_string compiles each source text once."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:  # noqa: A002
        """Return the compiled template of source: compiled the first time, then kept."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        found = self._compiled.get(source)
        if found is None:
            found = super().from_string(source)
            with _LOCK:
                if len(self._compiled) >= MAX_SOURCES:
                    self._compiled.clear()
                self._compiled[source] = found
        return found


_ENVIRONMENT = CachingEnvironment(
    autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
)
_PATCHED: dict[str, str] = {}


def shared_environment() -> CachingEnvironment:
    """Return the process's one environment: escaping on, unknown names fail, sources kept."""
    return _ENVIRONMENT


class CachedDocxTemplate(DocxTemplate):
    """DocxTemplate whose XML clean-up (patch_xml, a pure function of the text) runs once."""

    def patch_xml(self, src_xml: str) -> str:
        """Return docxtpl's cleaned XML of src_xml, computed the first time only."""
        found = _PATCHED.get(src_xml)
        if found is None:
            found = super().patch_xml(src_xml)
            with _LOCK:
                if len(_PATCHED) >= MAX_SOURCES:
                    _PATCHED.clear()
                _PATCHED[src_xml] = found
        return found
