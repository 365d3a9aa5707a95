"""The review workflow: firing transitions under guards, decisions, worklists."""
