"""Scoring: yearly evaluation against the criteria, rankings and phase-end selection."""
