"""Generic knowledge as data: the word lists of ``lexicon.toml`` (type suffixes, cue words, boundary words, units,
qualifiers, headings), loaded once and typed for the rules that read them.

Nothing in them names a particular region, enterprise or project: these are the
words any Chinese government work report uses, so the rules that read them
carry over to reports the project has never seen. To add a word, edit
``lexicon.toml``; its comments say what each list is for.

>>> TYPE_SUFFIXES["有限公司"], "推进" in STOP_WORDS, "建设" in STOP_WORDS, UNIT_BASES[0]
('Enterprise', True, False, '微克/立方米')
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

__all__ = ["ACTION_HEADS", "CAMPAIGN_LAUNCH_WORDS", "TITLE_LAUNCH_WORDS", "TITLE_HEADS", "CAMPAIGN_HEADS", "MEETING_WORDS", "PROJECT_KIND_WORDS", "TYPE_SUFFIXES", "WEAK_SUFFIXES", "INSTITUTION_CUES_BEFORE", "ENTERPRISE_CUES_BEFORE", "ENTERPRISE_CUES_AFTER", "SIZE_WORDS", "SIZE_UNITS", "TOWN_QUARTERS", "BODY_STEMS", "RELATION_CUES", "BOUNDARY_WORDS", "POLICY_NOUNS", "CUE_ADVERBS", "NAME_WORDS", "GENERIC_MODIFIERS", "BOUNDARY_CHARS", "GENERIC_NAMES", "PLACE_SUFFIXES", "UNIT_MAGNITUDES", "UNIT_BASES", "QUALIFIERS_BEFORE", "QUALIFIERS_AFTER", "GROWTH_UP", "GROWTH_DOWN", "RATE_VERBS", "INDICATOR_SYNONYMS", "PAIRED_WORDS", "TARGET_AUX_LEADS", "TARGET_AUX_TAILS", "FLOW_MARKERS", "REVIEW_HEADINGS", "REVIEW_ONLY", "PLAN_HEADINGS", "CLOSING_OPENERS", "CLOSING_TOPICS", "SUMMARY_SPANS", "SUMMARY_OPENER", "SPEAKER_TITLES", "REGION_SUFFIXES", "STOP_WORDS", "TARGET_CUES", "NOT_TARGET_WORDS", "LOOKING_BACK_CUES", "RUN_IN_PART_ENDS", "REGION_ENDINGS", "NOT_ROADS", "NOT_ROAD_ENDINGS", "YEAR_NOT_OF_FIGURE_AFTER", "YEAR_NOT_OF_FIGURE_BEFORE", "CEILING_QUANTITIES", "INDICATOR_ABBREVIATIONS", "PROJECT_STAGES"]

_DATA = tomllib.loads(resources.files("kg.extract").joinpath("lexicon.toml").read_text(encoding="utf-8"))


def _sequence(key: str) -> tuple[str, ...]:
    """A word list in the order written (the order the rules try the words in)."""
    return tuple(_DATA[key].split())


def _words(key: str) -> frozenset[str]:
    return frozenset(_DATA[key].split())


def _chars(key: str) -> frozenset[str]:
    return frozenset(_DATA[key])


def _table(key: str) -> dict[str, str]:
    return dict(_DATA[key])


def _types(key: str) -> dict[str, str]:
    """Each word of each type's list, to its type."""
    return {word: etype for etype, words in _DATA[key].items() for word in words.split()}


TYPE_SUFFIXES: dict[str, str] = _types("type_suffixes")
WEAK_SUFFIXES: frozenset[str] = _words("weak_suffixes")
INSTITUTION_CUES_BEFORE: tuple[str, ...] = _sequence("institution_cues_before")
ENTERPRISE_CUES_BEFORE: tuple[str, ...] = _sequence("enterprise_cues_before")
ENTERPRISE_CUES_AFTER: tuple[str, ...] = _sequence("enterprise_cues_after")
SIZE_WORDS: tuple[str, ...] = _sequence("size_words")
SIZE_UNITS: tuple[str, ...] = _sequence("size_units")
TOWN_QUARTERS: frozenset[str] = _words("town_quarters")
BODY_STEMS: tuple[str, ...] = _sequence("body_stems")
RELATION_CUES: dict[str, str] = _table("relation_cues")
BOUNDARY_WORDS: frozenset[str] = _words("boundary_words")
POLICY_NOUNS: frozenset[str] = _words("policy_nouns")
CUE_ADVERBS: frozenset[str] = _words("cue_adverbs")
NAME_WORDS: frozenset[str] = _words("name_words")
GENERIC_MODIFIERS: tuple[str, ...] = _sequence("generic_modifiers")
BOUNDARY_CHARS: frozenset[str] = _chars("boundary_chars")
GENERIC_NAMES: frozenset[str] = _words("generic_names")
PLACE_SUFFIXES: tuple[str, ...] = _sequence("place_suffixes")
UNIT_MAGNITUDES: tuple[str, ...] = _sequence("unit_magnitudes")
UNIT_BASES: tuple[str, ...] = _sequence("unit_bases")
QUALIFIERS_BEFORE: tuple[str, ...] = _sequence("qualifiers_before")
QUALIFIERS_AFTER: tuple[str, ...] = _sequence("qualifiers_after")
GROWTH_UP: tuple[str, ...] = _sequence("growth_up")
GROWTH_DOWN: tuple[str, ...] = _sequence("growth_down")
RATE_VERBS: frozenset[str] = _words("rate_verbs")
INDICATOR_SYNONYMS: dict[str, str] = _table("indicator_synonyms")
PAIRED_WORDS: dict[str, tuple[str, ...]] = {word: tuple(pair.split()) for word, pair in _table("paired_words").items()}
ACTION_HEADS: frozenset[str] = _words("action_heads")
MEETING_WORDS: tuple[str, ...] = _sequence("meeting_words")
CAMPAIGN_LAUNCH_WORDS: frozenset[str] = _words("campaign_launch_words")
TITLE_LAUNCH_WORDS: frozenset[str] = _words("title_launch_words")
TITLE_HEADS: tuple[str, ...] = _sequence("title_heads")
CAMPAIGN_HEADS: frozenset[str] = _words("campaign_heads")
PROJECT_KIND_WORDS: tuple[str, ...] = _sequence("project_kind_words")
TARGET_AUX_LEADS: tuple[str, ...] = _sequence("target_aux_leads")
TARGET_AUX_TAILS: tuple[str, ...] = _sequence("target_aux_tails")
FLOW_MARKERS: dict[str, str] = _table("flow_markers")
REVIEW_HEADINGS: tuple[str, ...] = _sequence("review_headings")
REVIEW_ONLY: tuple[str, ...] = _sequence("review_only")
PLAN_HEADINGS: tuple[str, ...] = _sequence("plan_headings")
CLOSING_OPENERS: tuple[str, ...] = _sequence("closing_openers")
CLOSING_TOPICS: tuple[str, ...] = _sequence("closing_topics")
SUMMARY_SPANS: tuple[str, ...] = _sequence("summary_spans")
# a paragraph that opens a section of the review by summing up a span: ``一年来,我们在…上敢闯敢干,…``
SUMMARY_OPENER = re.compile(r"^(?:%s)[,，]?(?:我们|全[镇乡区县市旗]|[镇乡区县市旗]政府)"
                            % "|".join(sorted(SUMMARY_SPANS, key=len, reverse=True)))
SPEAKER_TITLES: tuple[str, ...] = _sequence("speaker_titles")
REGION_SUFFIXES: dict[str, str] = _table("region_suffixes")

TARGET_CUES: tuple[str, ...] = _sequence("target_cues")
NOT_TARGET_WORDS: tuple[str, ...] = _sequence("not_target_words")
LOOKING_BACK_CUES: tuple[str, ...] = _sequence("looking_back_cues")
RUN_IN_PART_ENDS: tuple[str, ...] = _sequence("run_in_part_ends")
REGION_ENDINGS: tuple[str, ...] = _sequence("region_endings")
NOT_ROADS: frozenset[str] = _words("not_roads")
NOT_ROAD_ENDINGS: tuple[str, ...] = _sequence("not_road_endings")
YEAR_NOT_OF_FIGURE_AFTER: tuple[str, ...] = _sequence("year_not_of_figure_after")
YEAR_NOT_OF_FIGURE_BEFORE: tuple[str, ...] = _sequence("year_not_of_figure_before")

# Words that end a name on its left: verbs of government action, adverbs,
# prepositions, conjunctions, quantity words. ``推进`` | ``城北片区更新``.
STOP_WORDS = BOUNDARY_WORDS - NAME_WORDS
CEILING_QUANTITIES: tuple[str, ...] = _sequence("ceiling_quantities")
INDICATOR_ABBREVIATIONS: dict[str, str] = _table("indicator_abbreviations")
PROJECT_STAGES: dict[str, str] = _table("project_stages")
