"""The field types campaign files share: codes, unit kinds and levels, fractions."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

# A unit kind or level: a code the campaign's unit_vocabulary declares (checked there).
UnitKind = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
UnitLevel = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Code = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$")]
Fraction = Annotated[float, Field(ge=0, le=1)]
