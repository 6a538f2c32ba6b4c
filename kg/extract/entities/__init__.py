"""Entities: the rules that find named enterprises, institutions, projects, villages and initiatives.

``mentions`` runs the rule families in order: ``names`` (a name before its type's head word), ``cues`` (a name
after a cue such as 引进), ``lists`` (names written in lists); ``grammar`` is the name grammar they share.
"""

from kg.extract.entities.mentions import find_mentions, find_relations

__all__ = ["find_mentions", "find_relations"]
