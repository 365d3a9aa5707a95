"""The review of a phase: candidates, the proposal within quota, the council's workflow."""
