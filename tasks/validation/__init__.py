"""Validation of yearly reports: the same rules for the pipeline and for `thidua validate`."""
