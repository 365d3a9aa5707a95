"""docxcompose's Composer with the merged document's style list kept while merging.

docxcompose 2.2's add_styles rebuilds the list of the merged document's style ids, through
python-docx's style objects, for every body element it copies and again for every style an element
uses (a third of a dossier's merge). The list only changes when a style is appended to the
merged document, so it is kept and rebuilt only then; everything else is docxcompose's own code
path (the same choices in the same order, so the same bytes). The preserve_styles mode, which
renames styles, is left to docxcompose untouched.
"""

from __future__ import annotations

from collections import OrderedDict
from copy import deepcopy
from typing import Any

from docxcompose.composer import Composer
from docxcompose.utils import xpath

STYLE_REFERENCES = ".//w:tblStyle|.//w:pStyle|.//w:rStyle"


class CachedStylesComposer(Composer):
    """A Composer that rebuilds its style id list only when the styles part grew."""

    def __init__(self, doc: Any, preserve_styles: bool = False) -> None:
        super().__init__(doc, preserve_styles=preserve_styles)
        self._ids_key: tuple[int, int] | None = None
        self._ids: list[str] = []
        self._names_key: tuple[int, int] | None = None
        self._name2id: dict[str, str] = {}

    def _key(self) -> tuple[int, int]:
        styles = self.doc.styles.element
        return id(styles), len(styles)  # a style appended (never removed) changes the length

    def our_style_ids(self) -> list[str]:
        """Return the merged document's style ids, as [s.style_id for s in self.doc.styles]."""
        key = self._key()
        if key != self._ids_key:
            self._ids = [s.style_id for s in self.doc.styles]
            self._ids_key = key
        return self._ids

    def _create_style_id_mapping(self, doc: Any) -> None:
        self._style_id2name = {s.style_id: s.name for s in doc.styles}
        key = self._key()
        if key != self._names_key:
            self._name2id = {s.name: s.style_id for s in self.doc.styles}
            self._names_key = key
        self._style_name2id = self._name2id

    def add_styles(self, doc: Any, element: Any) -> None:
        """Add the styles element uses from doc (docxcompose's add_styles, the list kept)."""
        if self.preserve_styles:
            super().add_styles(doc, element)
            return
        used_style_ids = list(
            OrderedDict.fromkeys([e.val for e in xpath(element, STYLE_REFERENCES)])
        )
        for style_id in used_style_ids:
            our_style_id = self.mapped_style_id(style_id)
            if our_style_id not in self.our_style_ids():
                style_element = deepcopy(doc.styles.element.get_by_id(style_id))
                if style_element is not None:
                    self.doc.styles.element.append(style_element)
                    self.add_numberings(doc, style_element)
                    self.add_linked_styles(doc, style_element)
            else:
                self._map_numbering_of_style(doc, style_id, our_style_id)
            if our_style_id != style_id and our_style_id is not None:
                style_elements = xpath(
                    element,
                    f'.//w:tblStyle[@w:val="{style_id}"]|'
                    f'.//w:pStyle[@w:val="{style_id}"]|'
                    f'.//w:rStyle[@w:val="{style_id}"]',
                )
                for el in style_elements:
                    el.val = our_style_id

    def _map_numbering_of_style(self, doc: Any, style_id: str, our_style_id: str) -> None:
        """Map the abstract numbering of a style both documents have (docxcompose's code)."""
        style_element = doc.styles.element.get_by_id(style_id)
        if style_element is None:
            return
        num_ids = xpath(style_element, ".//w:numId/@w:val")
        if not num_ids:
            return
        anum_ids = xpath(
            doc.part.numbering_part.element,
            f'.//w:num[@w:numId="{num_ids[0]}"]/w:abstractNumId/@w:val',
        )
        if not anum_ids:
            return
        our_style_element = self.doc.styles.element.get_by_id(our_style_id)
        our_num_ids = xpath(our_style_element, ".//w:numId/@w:val")
        if our_num_ids:
            numbering_part = self.numbering_part()
            our_anum_ids = xpath(
                numbering_part.element,
                f'.//w:num[@w:numId="{our_num_ids[0]}"]/w:abstractNumId/@w:val',
            )
            if our_anum_ids:
                self.anum_id_mapping[int(anum_ids[0])] = int(our_anum_ids[0])

    def add_linked_styles(self, doc: Any, element: Any) -> None:
        """Add the style element links to, unless the merged document has it."""
        linked_style_ids = xpath(element, ".//w:link/@w:val")
        if linked_style_ids:
            our_linked_style_id = self.mapped_style_id(linked_style_ids[0])
            if our_linked_style_id not in self.our_style_ids():
                our_linked_style = doc.styles.element.get_by_id(linked_style_ids[0])
                if our_linked_style is not None:
                    self.doc.styles.element.append(deepcopy(our_linked_style))
