"""Notices to people: a unit is told by e-mail when its feedback is ready."""
