"""Errors of the review workflow, with messages for the person who decided."""

from __future__ import annotations


class WorkflowError(ValueError):
    """A transition that the workflow's rules refuse; the message is Vietnamese."""


class ConcurrentDecisionError(WorkflowError):
    """Someone else decided on the same nomination first (optimistic versioning)."""
