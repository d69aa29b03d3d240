"""What each figure counts, when its incident happened, and which of the document's events
it belongs to (see docs/design.md, "Scope and events").

A figure's scope is read from English cues around it (the words are in data/scope.toml):

    link        "READ MORE: ..."                                   -> background
    toll        "so far", "since the war began", "these attacks"   -> toll (a stock for the
                                                                      displaced, held, missing)
    period      "in the past week", "in July alone"                -> period
    another     "in a separate incident", "earlier this month"     -> another event
    earlier     "in 2015", "last year", "in October" (before the
                month of publication)                              -> background
    day         "on Monday", "yesterday", "on 15 May"              -> the incident's date

The cues are looked for in the figure's clause and in the sentence's opening phrase
("Since November, ..."), so that "3 were killed in an ambush on Monday, bringing the total
since the war began to 50" reads 3 as an incident and 50 as a toll.

The document's main event (event 0) is its first incident (the headline and lede name it)
that no cue places earlier; a later incident is another event when a cue says so or when
its day is more than a day from the main event's. Tolls, stocks and periods belong to no event.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from .dates import DATE_PATTERN, report_date, resolve_date
from .lexicon import alternation, data_table, normalise, words
from .reading import TOLLS, Mention

CUES = data_table("scope.toml")
# The patterns read lowered text (read_scopes lowers the sentences once): the engine is far
# faster without IGNORECASE.
_F = re.VERBOSE


def _phrases(name: str) -> str:
    return rf"\b(?:{alternation(CUES[name])})\b"


# a word of lowered text, as the screens below see it
_WORD = re.compile(r"[a-z0-9_]+")


def _words(text: str) -> set[str]:
    """The words of a lowered text: what the screens of the cue patterns look up."""
    return set(_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class _Screened:
    """A cue pattern, and a word of each of its alternatives (one of each phrase of its
    lists): a text none of whose words is one of them cannot match, and is not searched.
    Looking a clause's words up costs a fraction of a search, and most clauses hold none."""

    pattern: re.Pattern[str]
    keys: frozenset[str]

    def holds(self, text: str, words: set[str]) -> bool:
        """True when the pattern matches the lowered text whose words are `words`."""
        return not self.keys.isdisjoint(words) and self.pattern.search(text) is not None

    def in_text(self, text: str) -> bool:
        """True when the pattern matches a long lowered text (a document), searched only when
        one of the words is part of it: a substring test runs many times faster than a search."""
        return any(key in text for key in self.keys) and self.pattern.search(text) is not None


def _screened(pattern: re.Pattern[str], *lists: str, also: Collection[str] = ()) -> _Screened:
    """The pattern, screened by the longest word of each phrase of the cue lists named and by
    the words `also` (those of the pattern's alternatives that are not phrases of a list)."""
    keys = set(also)
    for name in lists:
        for phrase in CUES[name]:
            found = _WORD.findall(phrase.lower())
            if not found:
                raise ValueError(f"scope.toml: {name}: {phrase!r} has no word to screen by")
            keys.add(max(found, key=len))
    return _Screened(pattern, frozenset(keys))


_MONTHS = alternation(words("months"))
_MONTH_PREFIXES = [m[:3] for m in words("months")]  # (their short forms: "Feb. 1")
_MONTH_STARTS = "|".join(_MONTH_PREFIXES)
_WEEKDAY = "|".join(words("weekdays"))
_TWO_WEEKDAYS = rf"\bon\s+(?:{_WEEKDAY})\s+and\s+(?:{_WEEKDAY})\b"  # "on Tuesday and Wednesday"
_LINK = re.compile(rf"^\W*(?:{alternation(CUES['links'])})\b\s*[:|»>-]", _F)
_TOLL_PHRASE = _screened(re.compile(
    _phrases("toll_phrases") + rf"|\b(?:{alternation(CUES['aggregate_causes'])})(?:\s+and\s+[\w-]+)?\s+"
    rf"(?:{alternation(CUES['aggregate_verbs'])})\b", _F), "toll_phrases", "aggregate_causes")
_PERIOD_UNLESS_DATED = _screened(re.compile(_phrases("period_unless_dated"), _F), "period_unless_dated")
# many events counted as one: "23 attacks on health care, in which 11 were killed"
_IN_MANY_EVENTS = _screened(re.compile(
    rf"\b(?:{alternation(CUES['plural_events'])})\b[^.;]{{0,50}}?\bin\s+which\b", _F), "plural_events")
_KEPT_COUNT = re.compile(_phrases("kept_count_words"), _F)
_PERFECT_DEATHS = re.compile(_phrases("perfect_deaths"), _F)
_SUPERLATIVE = re.compile(_phrases("superlatives"), _F)
_TOLL_UNLESS_DATED = _screened(re.compile(_phrases("toll_unless_dated"), _F), "toll_unless_dated")
_INCIDENT_NOUN = alternation(CUES["incident_nouns"])
_EVENT_WORDS = CUES["incident_nouns"] + CUES["plural_events"]
_EVENT_NOUN = re.compile(rf"\b(?:{alternation(_EVENT_WORDS)})\b", _F)
_EVENT_OR_FIGHTING = re.compile(rf"\b(?:{alternation(_EVENT_WORDS + CUES['fighting_words'])})\b", _F)
_FEW = alternation(CUES["count_words"])  # "two", "a few"
_STRETCH_NOUN = alternation(CUES["stretch_nouns"])  # "fighting", "clashes"
_TOLL_WITH_CONFLICT = re.compile(_phrases("toll_with_conflict"), _F)
_LONG_AGO = _screened(re.compile(_phrases("long_ago_times"), _F), "long_ago_times")
_BRIEF = _screened(re.compile(_phrases("brief_windows"), _F), "brief_windows")
_SPAN_OF_DAYS = _screened(re.compile(
    rf"\bin\s+(?:\d{{1,2}}|{_FEW})\s+(?:hours|days?)\b", _F), also=("hours", "day", "days"))
_TWO_DAYS = _screened(re.compile(_TWO_WEEKDAYS, _F), also=words("weekdays"))
# "bringing the total to", not "raising the death toll from the blast to"
_TOLL_UPDATE = _screened(re.compile(
    rf"""\b(?:{alternation(CUES['toll_updates'])})\s+(?:the|its|their)\s+(?:{alternation(CUES['toll_totals'])})\b
         (?!\s+(?:from|of|in)\s+(?:the\s+|this\s+|that\s+|\w+'s\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_INCIDENT_NOUN})\b)""",
    _F), "toll_updates")
# a running count brought up to date: "the number of people killed in the four provinces
# rose to 649", not one incident's ("the number killed in the blast rose to 12")
_NUMBER_ROSE = re.compile(
    r"""\bthe\s+number\s+of\s+(?:people|persons|civilians|victims|deaths|dead)\b(?:[^.;]{0,250}?)
         \b(?:rose|has\s+risen|had\s+risen|risen|reached|has\s+reached|climbed|jumped|increased)
         \s+to\b""", _F)
_CONFLICT = alternation(CUES["conflicts"])
_CONFLICT_WORD = _screened(re.compile(rf"\b(?:{_CONFLICT})\b", _F), "conflicts")
_WAR_WORD = _screened(re.compile(_phrases("war_words"), _F), "war_words")
_FIGHTING = _screened(re.compile(_phrases("fighting_context"), _F), "fighting_context")
_TOLL_VERB = alternation(CUES["toll_verbs"])
# a conflict's toll: "the insurgency has killed", "have been killed in the war"
_CONFLICT_TOLL = re.compile(
    rf"""\b(?:{_CONFLICT})\b[^.;]{{0,60}}?\b(?:has|have)\s+(?:\w+\s+){{0,2}}?(?:{_TOLL_VERB})\b
       | \b(?:has|have)\s+been\s+(?:\w+\s+){{0,2}}?(?:{_TOLL_VERB})\s+(?:[^.;]{{0,60}}?\s)?
         (?:in|during|by|since)\s+(?:the|this|its|their|a)\s+(?:[\w-]+\s+){{0,3}}?(?:{_CONFLICT})\b
       | \b(?:dead|wounded|injured)\s+(?:in|during)\s+(?:the\s+|this\s+)?(?:[\w'’-]+\s+){{0,3}}?
         (?:{_CONFLICT})\b(?!-)  # "560 dead, 2,300 wounded in a conflict"
    """,
    _F,
)
# "since ...": a toll when it reaches back further than a week, else a period
_SINCE = re.compile(r"\bsince\s+(?P<what>[^,.;]{1,60})", _F)
_DAY = re.compile(rf"\b(?:{DATE_PATTERN})\b", _F)
_SINCE_DAY_START = re.compile(rf"^(?:{alternation(CUES['recent_starts'])})\b", _F)
_RECENT = re.compile(rf"^(?:(?:late|early)\s+)?(?:on\s+)?(?:{_WEEKDAY}"
                        rf"|{alternation(CUES['recent_weeks'])})\b", _F)
_ONE_INCIDENT = re.compile(rf"^(?:the|this|that|a|an|\w+'s)?\s*(?:[\w-]+\s+){{0,2}}?"
                              rf"(?:{alternation(CUES['incident_nouns'])})\b", _F)
# a count over a window: "in the past week", "in 36 hours", "between 1 and 7 May"
_PERIOD = _screened(re.compile(
    rf"""\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:hours?|days?|weeks?|months?)\b
       | \bbetween\s+(?:{_MONTHS}|\d{{1,2}}(?:\s+(?:{_MONTHS}))?)[^,.;]{{0,20}}?\s+and\s+
         (?:{_MONTHS}|\d{{1,2}}\s+(?:{_MONTHS}))\b
       | \b(?:on\s+)?(?:on|in|during|over|for)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?
         (?:{_WEEKDAY}|{_MONTHS}|{alternation(CUES['time_words'])}|\d{{4}})\s+alone\b
       | {_TWO_WEEKDAYS}
       | \bin\s+(?:\d+|{_FEW})\s+days?\s+of\s+(?:{_STRETCH_NOUN})\b
       | {_phrases("period_phrases")}""",
    _F,
), "period_phrases", also=["past", "last", "previous", "between", "alone", "day", "days", *words("weekdays")])
# a count over a stretch of time: "in 36 hours", "in a week" (for the displaced, how their
# number grew: still a stock)
_SPAN = re.compile(
    rf"""\bin\s+(?:the\s+)?(?:\d+|{_FEW}|\w+teen)\s+
        (?:hours?|days?|weeks?|months?)(?!\s+of\s+(?:{_STRETCH_NOUN}))\b""", _F)
# a stretch of a war, not one event: "ten days of fighting"
_STRETCH = re.compile(
    rf"\b(?:\d+|{_FEW})\s+(?:days?|weeks?|months?)\s+of\s+(?:{_STRETCH_NOUN})\b", _F)
_SPAN_OF_WAR = re.compile(
    rf"\bin\s+(?:\d+|{_FEW})\s+(?:weeks?|months?)"
    r"\s+of\s+(?:fighting|war|conflict|clashes|violence)\b", _F)
_SHORT_WINDOW = _screened(re.compile(_phrases("short_windows"), _F), "short_windows")
# what every span is counted in
_UNIT = _screened(re.compile(r"\b(?:hours?|days?|weeks?|months?)\b"),
                  also=("hour", "hours", "day", "days", "week", "weeks", "month", "months"))
# a sentence that goes on with the one before: "In addition, ...", "in the same areas"
_CONTINUES = re.compile(rf"\W*(?:{alternation(CUES['continuations'])})\b", _F)  # (matched at the start)
_SAME_PLACES = re.compile(r"\bthe\s+same\s+(?:areas?|period|places?|regions?)\b", _F)
_ANOTHER = _screened(re.compile(_phrases("another_event"), _F), "another_event")
_EARLIER_TIME = _screened(re.compile(_phrases("earlier_times"), _F), "earlier_times")
# a year an event happened in: "in 2015", "March 2019", "a 2015 bombing", "2019's attack" (not
# "a 2021 law")
_YEAR = re.compile(
    rf"""\b(?:in|during|of|by|until|from|early|late|mid|{_MONTHS})[\s-]+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?
         (?P<year>(?:19|20)\d\d)\b(?!,?\d|\s*(?:people|persons))
       | \b(?P<year2>(?:19|20)\d\d)(?:'s|’s|\s+(?:[\w-]+\s+)?(?:{_INCIDENT_NOUN}))\b""", _F)
_FOUR_DIGITS = re.compile(r"\d{4}")
_MONTH_ONLY = re.compile(
    rf"\b(?:in|during|of|late|early|mid|until)[\s-]+(?:(?:late|early|mid)[\s-]+)?(?P<month>{_MONTHS})\b"
    rf"(?!\s+\d)", _F)
_ONE_ACT = re.compile(_phrases("one_act_verbs"), _F)
_RELEASE = re.compile(_phrases("release_verbs"), _F)
_STATE_BEFORE_ACT = re.compile(
    rf"\b(?:{alternation(CUES['one_act_perfect'])})\s+(?:\w+\s+)?(?:{alternation(CUES['one_act_verbs'])})\b",
    _F)
# the lists of which every cue of a clause holds a word (the others only qualify a cue: the
# verbs after "these attacks", what "since" reaches back to), and the patterns' own words;
# with the years, a clause with none of them has no cue (see pattern_words)
_CUE_LISTS = ("toll_phrases", "aggregate_causes", "conflicts", "toll_unless_dated",
              "toll_updates", "toll_with_conflict", "period_phrases", "period_unless_dated",
              "short_windows", "another_event", "earlier_times", "long_ago_times",
              "plural_events", "today_words", "pattern_words")  # (links are read before the screen)
_CUE_WORDS = {max(reversed(p.lower().split()), key=len) for name in _CUE_LISTS for p in CUES[name]}
# (looked up among a clause's words: "year's" by its first word, "year", itself a cue word)
_CUE_KEYS = frozenset(_WORD.match(w).group() for w in _CUE_WORDS | set(words("weekdays")))
# what else a cue may hold: a month, a year, a day's ordinal
_CUE_HINT = re.compile(rf"(?<![a-z])(?:{_MONTH_STARTS})|\d{{4}}|\d\s*(?:st|nd|rd|th)\b")
# a day of the last week, whatever the publication date: "on Thursday", "yesterday"
_THIS_WEEK = _screened(re.compile(rf"\b(?:{_WEEKDAY}|{alternation(CUES['this_week_words'])})\b", _F),
                       "this_week_words", also=words("weekdays"))
_TODAY = re.compile(_phrases("today_words"), _F)
# what every day named holds (a weekday, a month, "yesterday", "tonight", "by midday")
_DAY_HINT = re.compile(
    rf"(?<![a-z])(?:{_WEEKDAY}|{_MONTH_STARTS}|{alternation(CUES['this_week_words'])}"
    rf"|{alternation(max(p.split(), key=len) for p in CUES['today_words'])})")
_FROM_OR_TO = re.compile(r"\b(?:since|as\s+of|until|till|from|between|to|and)\s+(?:the\s+)?$", _F)
_COMMA = re.compile(r",\s")  # (not the comma of "1,100")
# where one clause of a sentence ends and another begins
_CLAUSE_BREAK = re.compile(
    r";|\s[|–—]\s|,\s+(?=(?:while|whereas|bringing|raising|taking|pushing|lifting|and|but|where)\b)"
    r"|\.\s+(?=[A-Z])"
)
_STOCK = set(CUES["stock_categories"])
_RUNNING = set(CUES["running_categories"])
_ELSEWHEN = ("another", "earlier", "long ago")  # the kinds of cue that place an incident apart
RECENT_DAYS = 7  # "since Sunday" is a period; "since 2 March" a month ago, a toll
SAME_EVENT_DAYS = 1  # an incident a day from the main one's date ("late on Saturday") is it


@dataclass(frozen=True, slots=True)
class Scope:
    """What a figure counts, the day its incident happened, and its event (0: the main one;
    None for tolls, stocks and periods)."""

    scope: str
    event_date: dt.date | None
    event: int | None
    brief: bool = False  # a period of days ("over the weekend", "since Sunday")


@dataclass(frozen=True, slots=True)
class Cues:
    """What the words around one figure say of its time."""

    # "link", "toll", "period", "span" (in N days), "recent" (since a day this week), "short"
    # (a day or less),
    # "another", "earlier" (this year), "long ago" (a year or more) or ""
    kind: str
    day: dt.date | None  # the day named for it ("on Monday"), not the day it was said
    brief: bool = False  # a period of days, not weeks or months


def figure_cues(sentences: Sequence[str], mentions: Sequence[tuple[int, Mention]],
                published: dt.date | None) -> tuple[list[Cues], list[str]]:
    """The cues of time around each figure, read in its clause and in its sentence's opening
    phrase, and that text. Figures of one clause share its reading, so a sentence with many
    figures costs no more than one with a few."""
    read: dict[tuple[int, int, int], tuple[Cues, str]] = {}
    sentence_of: dict[int, tuple[str, list[tuple[int, int]]]] = {}  # unsaid text, clause breaks
    first_figure: dict[int, int] = {}  # sentence: where its first figure starts
    for k, m in mentions:
        first_figure[k] = min(first_figure.get(k, m.quantity.start), m.quantity.start)
    cues, texts = [], []
    for k, m in mentions:
        if k not in sentence_of:
            unsaid = _unsaid(sentences[k], published)
            breaks = [b.span() for b in _CLAUSE_BREAK.finditer(unsaid)]  # (before lowering:
            sentence_of[k] = unsaid.lower(), breaks  # a new sentence starts with a capital)
        unsaid, breaks = sentence_of[k]
        left, right = _clause(breaks, m.quantity.start, m.quantity.end, len(unsaid))
        if (k, left, right) not in read:
            text = _cue_text(unsaid, left, right, first_figure[k])
            read[k, left, right] = _clause_cues(unsaid, text, published), text
        cue, text = read[k, left, right]
        cues.append(cue)
        texts.append(text)
    return cues, texts


def _clause_cues(sentence: str, text: str, published: dt.date | None) -> Cues:
    """The cues of one clause's text (see figure_cues)."""
    if _LINK.search(sentence):
        return Cues("link", None)
    words = _words(text)
    if _CUE_KEYS.isdisjoint(words) and _CUE_HINT.search(text) is None:
        return Cues("", None)  # (no word any cue is made of: "- 1 killed", "gunmen shot 3")
    day = _named_day(text, published)
    kind = _kind_of_time(text, words, published)
    if kind == "" and day is None and _IN_MANY_EVENTS.holds(text, words) and not _DAY.search(text):
        kind = "toll"  # "23 attacks on health care, in which 11 health workers were killed"
    if kind in ("earlier", "long ago") and (_lately(day, published) or published is None
                                            and _THIS_WEEK.holds(text, words)):
        kind = ""  # "won a prize last year, was murdered on Thursday": the day is this week's
    brief = kind == "recent" or kind in ("period", "span") and (
        _BRIEF.holds(text, words) or _TWO_DAYS.holds(text, words) or _SPAN_OF_DAYS.holds(text, words))
    return Cues(kind, day, brief)


def _lately(day: dt.date | None, published: dt.date | None) -> bool:
    """True when a day lies within a week before publication."""
    return day is not None and published is not None and 0 <= (published - day).days <= RECENT_DAYS


def _unsaid(sentence: str, published: dt.date | None) -> str:
    """The sentence with the day its statement was made blanked out ("said on Monday" dates
    the statement, not the incident); offsets are kept."""
    said = report_date(sentence, published)[1]
    if said is None:
        return sentence
    return sentence[:said[0]] + " " * (said[1] - said[0]) + sentence[said[1]:]


def _clause(breaks: list[tuple[int, int]], start: int, end: int, length: int) -> tuple[int, int]:
    """Where the clause holding sentence[start:end] begins and ends, given the spans of the
    sentence's clause breaks (in order)."""
    before = bisect_right(breaks, start, key=lambda b: b[1])  # the breaks ending before it
    after = bisect_left(breaks, end, key=lambda b: b[0])  # the first break starting after it
    return (breaks[before - 1][1] if before else 0), (breaks[after][0] if after < len(breaks) else length)


def _cue_text(sentence: str, left: int, right: int, first_figure: int) -> str:
    """The clause sentence[left:right] and, when it is not the first, the sentence's opening
    phrase, up to its first comma, if that holds no figure ("Since November, ...")."""
    clause = sentence[left:right]
    comma = _COMMA.search(sentence, 0, min(left, 100, first_figure))
    if left and comma:
        return sentence[:comma.start()] + " … " + clause
    return clause


def _time_kind(text: str, published: dt.date | None) -> str:
    """The kind of time the words of a lowered text give: a toll to date, a period, another
    event, an earlier time, or "" (none: the incident the text tells of)."""
    return _kind_of_time(text, _words(text), published)


def _kind_of_time(text: str, words: set[str], published: dt.date | None) -> str:
    """_time_kind of a text whose words are `words`. (Each pattern is tried only where a
    word it cannot do without is in the text.)"""
    since = "since" in text and next(
        (m for m in _SINCE.finditer(text)  # not "its deadliest attack since 2017"
         if not _SUPERLATIVE.search(text, max(0, m.start() - 70), m.start())), None)
    if since and not _ONE_INCIDENT.match(since.group("what")):
        if _SINCE_DAY_START.match(since.group("what")):  # "since dawn": the day's incident
            return "short"
        return "recent" if _recent(since.group("what"), published) else "toll"
    conflict = _CONFLICT_WORD.holds(text, words)
    units = _UNIT.holds(text, words)  # ("days", "weeks", ...)
    if (_TOLL_PHRASE.holds(text, words) or _TOLL_UPDATE.holds(text, words)
            or conflict and _CONFLICT_TOLL.search(text) and not _EVENT_NOUN.search(text)
            or units and _SPAN_OF_WAR.search(text)
            or "number" in text and _NUMBER_ROSE.search(text) and not _EVENT_OR_FIGHTING.search(text)):
        return "toll"
    if _TOLL_UNLESS_DATED.holds(text, words) and _DAY.search(text) is None \
            and not _ANOTHER.holds(text, words):
        return "toll"
    if conflict and _TOLL_WITH_CONFLICT.search(text):
        return "toll"
    if _SHORT_WINDOW.holds(text, words):
        return "short"
    if units and _SPAN.search(text):
        return "span"
    if _PERIOD.holds(text, words) or (_PERIOD_UNLESS_DATED.holds(text, words) and _DAY.search(text) is None
                                      and not _ANOTHER.holds(text, words)):  # ("earlier this month")
        return "period"
    if _ANOTHER.holds(text, words):
        return "another"
    if _LONG_AGO.holds(text, words) or _earlier_year(text, published):
        return "long ago"
    if _EARLIER_TIME.holds(text, words) or _earlier_month(text, published):
        return "earlier"
    return ""


def _recent(words_after_since: str, published: dt.date | None) -> bool:
    """True when "since ..." starts a week or less before publication ("since Sunday",
    "since 2 March" in a text of 5 March)."""
    if _RECENT.match(words_after_since):
        return True
    day = _DAY.match(words_after_since)
    if day is None or published is None:
        return False
    when = resolve_date(day.group(0), published)
    return when is not None and 0 <= (published - when).days <= RECENT_DAYS


def _earlier_year(text: str, published: dt.date | None) -> bool:
    """True when the words name a year before the one of publication ("in 2015")."""
    return published is not None and _FOUR_DIGITS.search(text) is not None and any(
        int(m.group("year") or m.group("year2")) < published.year for m in _YEAR.finditer(text))


def _earlier_month(text: str, published: dt.date | None) -> bool:
    """True when the words name a month other than the one of publication ("in October" in
    a December text)."""
    if published is None:
        return False
    return any(_MONTH_PREFIXES.index(m.group("month")[:3]) + 1 != published.month
               for m in _MONTH_ONLY.finditer(text))


def _named_day(text: str, published: dt.date | None) -> dt.date | None:
    """The day the words name for the incident ("on Monday", "yesterday", "on 15 May")."""
    if _DAY_HINT.search(text) is None:
        return None
    for m in _DAY.finditer(text):
        if (_FROM_OR_TO.search(text, max(0, m.start() - 12), m.start())
                and text[m.end():m.end() + 2] not in ("'s", "’s")):  # (but "from Monday's attack")
            continue  # "since March 2", "as of 12 March": the bounds of a count, no incident's day
        day = resolve_date(m.group(0), published)
        if day is not None and (published is None or day <= published):
            return day
    if published is not None and _TODAY.search(text):
        return published
    return None


def figure_scope(category: str, cues: Cues, text: str) -> str:
    """The scope of a figure of `category` with these cues, `text` its clause (before the
    document's events are weighed: "another", "earlier" and "long ago" are read as an
    incident here)."""
    kind = cues.kind
    if kind == "link":
        return "background"
    if kind == "short":  # the day's incident, or the day's operations
        kind = "period" if category in _RUNNING else ""
    if kind in ("recent", "span"):  # "fled since Tuesday", "doubled in a week": a stock; "27
        kind = "toll" if category in _STOCK else "period"  # bodies found since Sunday": a period
    if category in _STOCK:
        if kind == "period":
            return "period"
        if category in ("detained", "abducted") and kind != "toll" and (
                cues.day is not None or _one_act(text)
                or kind in ("earlier", "long ago") and _ONE_ACT.search(text)):
            return "incident"
        return "stock"
    if kind == "toll":
        return "toll"
    if kind == "period":
        return "period"
    if category in _RUNNING:
        return "toll"
    return "incident"


def laid_out_scope(category: str, period: str, published: dt.date | None) -> str:
    """The scope of a figure of a table or list ("Killed: 205"): a report's tables keep
    running counts, so a toll (a stock for the displaced, held, missing) unless the period
    it states makes it a period."""
    scope = figure_scope(category, Cues(_time_kind(period, published) if period else "", None), "")
    return "toll" if scope == "incident" else scope


def _one_act(sentence: str) -> bool:
    """True when the sentence tells of the one act that put people in their state ("were
    arrested on Friday", "freed in the exchange"), not of their state ("are still held")."""
    if _RELEASE.search(sentence):
        return True
    return _ONE_ACT.search(sentence) is not None and _STATE_BEFORE_ACT.search(sentence) is None


def read_scopes(sentences: Sequence[str], mentions: Sequence[tuple[int, Mention]],
                published: dt.date | None, title: str = "") -> list[Scope]:
    """The scope, event date and event of each (sentence number, mention) of a document, in
    the same order; the title, where it is not part of the text, tells what the text is
    about."""
    cues, texts = figure_cues(sentences, mentions, published)
    lowered = [s.lower() for s in sentences]
    # (the title and sentences searched as one text: "\0" between them, no blank, joins no phrase)
    whole = "\0".join([title.lower(), *lowered])
    at_war = _WAR_WORD.in_text(whole)
    if at_war or _FIGHTING.in_text(whole):
        cues = _kept_counts(texts, mentions, cues, at_war)
    cues = _carried_over(lowered, mentions, cues, published)
    scopes = [figure_scope(m.category, c, text)
              for (_, m), c, text in zip(mentions, cues, texts, strict=True)]
    incidents = [i for i, s in enumerate(scopes) if s == "incident"]
    main = _main_incident(incidents, cues)
    if main is None:  # no incident, or only events a year or more ago ("a 2017 bombing")
        return [_no_event("background" if s == "incident" else s, c)
                for s, c in zip(scopes, cues, strict=True)]
    main_sentence = mentions[main][0]
    main_day = next((cues[i].day for i in incidents if mentions[i][0] == main_sentence
                     and cues[i].day and cues[i].kind not in _ELSEWHEN), None) or _lede_day(
        sentences, lowered, main_sentence, {k for k, _ in mentions}, published)
    events, days, apart = _events(incidents, mentions, cues, main, main_day, published)
    result = []
    for i, (s, c) in enumerate(zip(scopes, cues, strict=True)):
        if i not in events:
            result.append(_no_event(s, c))
            continue
        event = events[i]
        background = event in apart or event != 0 and _long_before(days[event], days[0], published)
        result.append(Scope("background" if background else "incident", c.day or days[event], event))
    return result


def _main_incident(incidents: list[int], cues: list[Cues]) -> int | None:
    """The figure that tells of the main event: the first incident no cue places apart, else
    the first placed beside another or earlier this year; None when every incident lies a
    year or more back."""
    clean = next((i for i in incidents if cues[i].kind not in _ELSEWHEN), None)
    if clean is not None:
        return clean
    return next((i for i in incidents if cues[i].kind in ("another", "earlier")), None)


def _events(incidents: list[int], mentions: Sequence[tuple[int, Mention]], cues: list[Cues],
            main: int, main_day: dt.date | None, published: dt.date | None,
            ) -> tuple[dict[int, int], dict[int, dt.date | None], set[int]]:
    """The event of each incident figure (by its index), each event's day, and the events an
    earlier time opened (background). A figure placed apart by a cue opens an event; a
    dated one joins the event of its day or opens one; an undated one stays with the event
    told just before."""
    events: dict[int, int] = {}
    days: dict[int, dt.date | None] = {0: main_day}
    apart: set[int] = set()  # events opened by "last month", "in 2019": background
    main_sentence = mentions[main][0]
    current = 0
    by_clause: dict[tuple[int, str, dt.date | None], int] = {}  # a sentence's figures of one reading
    for i in incidents:
        k, c = mentions[i][0], cues[i]
        if (k, c.kind, c.day) in by_clause:
            events[i] = by_clause[k, c.kind, c.day]
            continue
        if i == main or k == main_sentence and c.kind not in _ELSEWHEN and not _apart(c.day, days[0]):
            event = current = 0
        elif c.kind in _ELSEWHEN:
            event = current = len(days)
            days[event] = c.day
            if c.kind in ("earlier", "long ago") and i != main:
                apart.add(event)
        elif c.day is not None:
            event = current = _event_of_day(c.day, days, published)
            if event == 0 and days[0] is None:
                days[0] = c.day
        else:
            event = current
        by_clause[k, c.kind, c.day] = event
        events[i] = event
    return events, days, apart


def _carried_over(sentences: Sequence[str], mentions: Sequence[tuple[int, Mention]],
                  cues: list[Cues], published: dt.date | None) -> list[Cues]:
    """The cues, with a figure that has no cue of its own taking the toll or period of the
    figure it goes on from: a part takes its whole's ("112 wounded since the fighting began,
    14 of them died"; "The dead included 102 children" after a toll), and a sentence that
    goes on from the one before ("In addition, 415 were killed in the same areas") that
    sentence's (the last with figures, or one of the two just before it that states a toll
    with no figure read: "... has risen to 649 fighters, civilians and officials.")."""
    carried: list[Cues] = []
    parts_only: dict[int, bool] = {}  # sentence: whether all its figures are parts
    for k, m in mentions:
        parts_only[k] = parts_only.get(k, True) and m.subset
    figured = set(parts_only)  # the sentences with figures
    before = ""  # the kind of the last sentence with figures before this one
    sentence, kind_now = -1, ""  # the sentence in hand, and the kind of its first figures
    told = ""  # the toll or period the sentence in hand goes on from, if it goes on
    for (k, m), c in zip(mentions, cues, strict=True):
        if k != sentence:
            before = kind_now if sentence >= 0 else ""
            sentence, kind_now, told = k, "", ""
            if parts_only[k] or _goes_on(sentences[k]):
                told = before if before in ("toll", "period") else _toll_just_before(
                    sentences, k, figured, published)
        if c.kind == "" and c.day is None:
            if m.subset and kind_now in ("toll", "period"):
                c = Cues(kind_now, c.day, c.brief)
            elif told:
                c = Cues(told, c.day, c.brief)
        kind_now = kind_now or c.kind
        carried.append(c)
    return carried


def _goes_on(sentence: str) -> bool:
    """True when a lowered sentence goes on with the one before: "In addition, ...", "in the
    same areas"."""
    return _CONTINUES.match(sentence) is not None or "same" in sentence \
        and _SAME_PLACES.search(sentence) is not None


def _toll_just_before(sentences: Sequence[str], k: int, with_figures: Collection[int],
                      published: dt.date | None) -> str:
    """"toll" when one of the two sentences before sentence k, with no figure read in it,
    states a toll; else ""."""
    for j in (k - 1, k - 2):
        if j < 0 or j in with_figures:
            return ""
        if _time_kind(sentences[j], published) == "toll":
            return "toll"
    return ""


def _kept_counts(texts: Sequence[str], mentions: Sequence[tuple[int, Mention]],
                 cues: list[Cues], at_war: bool) -> list[Cues]:
    """The cues, with a count an agency keeps taken for a toll in a text about fighting: told
    with a verb of counting or a toll's noun ("puts the death toll at 1,050") or, in a text
    about a war, as deaths in the perfect ("the army said 296 soldiers had lost their
    lives"), and with neither a day nor an incident named."""
    kept = []
    for (_, m), c, text in zip(mentions, cues, texts, strict=True):
        if c.kind == "" and c.day is None:
            counted = (_KEPT_COUNT.search(text) or normalise(m.trigger) in TOLLS
                       or at_war and _PERFECT_DEATHS.search(text))
            one_event = _EVENT_OR_FIGHTING.search(_STRETCH.sub(" ", text))  # ("ten days of fighting")
            if counted and one_event is None and _DAY.search(text) is None:
                c = Cues("toll", None)
        kept.append(c)
    return kept


def _lede_day(sentences: Sequence[str], lowered: Sequence[str], main_sentence: int,
              with_figures: set[int], published: dt.date | None) -> dt.date | None:
    """The day the lede names, where the main event's own sentence names none: the first day
    named from the text's start to two sentences after that sentence, in a sentence with no
    figure of its own ("Dozens of detainees freed" / "The exchange took place on Friday"),
    not the day a statement was made. (`lowered`: the sentences in lower case.)"""
    for k, sentence in enumerate(sentences[:main_sentence + 3]):
        if k != main_sentence and k in with_figures or _DAY_HINT.search(lowered[k]) is None:
            continue
        said = report_date(sentence, published)[1]
        text = (sentence[:said[0]] + sentence[said[1]:]).lower() if said else lowered[k]
        day = _named_day(text, published)
        if day is not None:
            return day
    return None


def _apart(day: dt.date | None, main_day: dt.date | None) -> bool:
    """True when a day named lies more than SAME_EVENT_DAYS from the main event's."""
    return day is not None and main_day is not None and abs((day - main_day).days) > SAME_EVENT_DAYS


def _event_of_day(day: dt.date, days: dict[int, dt.date | None], published: dt.date | None) -> int:
    """The event whose day is `day` (give or take SAME_EVENT_DAYS), or a new one; with the
    main event's day unknown, a day close to publication is the main event's."""
    main_day = days[0]
    if main_day is None:
        if published is None or 0 <= (published - day).days <= SAME_EVENT_DAYS:
            return 0
    for apart in range(SAME_EVENT_DAYS + 1):  # the same day first, then the next one
        for event, known in days.items():
            if known is not None and abs((known - day).days) == apart:
                return event
    event = len(days)
    days[event] = day
    return event


def _long_before(day: dt.date | None, main_day: dt.date | None, published: dt.date | None) -> bool:
    """True when an event's day lies more than a week before the main event's (or, that
    unknown, before publication)."""
    reference = main_day or published
    return day is not None and reference is not None and (reference - day).days > RECENT_DAYS


def _no_event(scope: str, cues: Cues) -> Scope:
    """A toll, stock, period or background figure: no event; a period dated by its one day."""
    period = scope == "period"
    return Scope(scope, cues.day if period else None, None, period and cues.brief)
