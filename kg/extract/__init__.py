"""Extract: the entities, indicators and relations a report states, found by small named rules over its sentences."""
