"""Who may touch which object: per-unit and service policies, keys, links and upload events."""
