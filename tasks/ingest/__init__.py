"""Collecting yearly reports from the inbox: archive, validate, record, give feedback."""
