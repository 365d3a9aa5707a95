"""A unit's Giấy khen round: evaluate, propose, decide, draft the decision, record the awards."""
