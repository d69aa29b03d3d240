"""Who stated a figure: "X said", "said X", "according to X", "X reported", and statements
carried on to the next sentence ("It said...", a continuing quote).

A source is resolved to the agency table where it can be ("the UN refugee agency" is
UNHCR), to an agency named earlier in the document where the text refers back to it
("the ministry", "the hospital's director"), and is otherwise kept as written
("local officials", "the mayor of Besk").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import regex

from .agencies import AgencyMention, find_agencies, is_actor_word, is_valid_agency, lookup
from .lexicon import alternation, words
from .patterns import LIST_BULLET, LIST_NUMBER, phrase_pattern
from .sentences import Sentence

_F = regex.IGNORECASE | regex.VERBOSE

# A speech verb; its source stands before it ("X said", "X has said") unless the verb
# follows a comma or a quote, where the source follows it ("..., said X").
_WEEKDAY = alternation(words("weekdays"))
_SPEECH_VERB = regex.compile(
    rf"""\b(?P<verb>{alternation(words("speech_verbs"))})\b""",
    _F,
)
# (searched from the end, with REVERSE: the longest such tail at once, not a try at every
# position of the words before the verb)
_AUX_TAIL = regex.compile(
    rf"""(?:\s+(?:has|have|had|also|later|previously|earlier|separately|again|now|further|
                 yesterday|today|tonight|(?:on\s+)?(?:{_WEEKDAY})))*\s*$""",
    _F | regex.REVERSE,
)
# a word that makes "reports" or "estimates" after it a noun: "Initial reports state ..."
_REPORT_NOUN = regex.compile(
    r"(?:initial|final|conflicting|preliminary|unconfirmed|early|earlier|later|latest|new|recent|"
    r"multiple|several|other|some|media|press|news)", _F
)
_NOT_SPEECH = regex.compile(r"\s+(?:by|responsibility|credit|(?:the|\w+)\s+lives?)\b", _F)
_APPOSITIVE_TAIL = regex.compile(
    r",\s*(?P<name>(?-i:\p{Lu})[\w'’.-]*(?:\s+(?-i:\p{Lu})[\w'’.-]*){0,3})(?:,\s*\d{1,3})?,\s*$"
)
# ", the Besk Human Rights Centre (BHRC)," between a source and its verb: its name
_NAMED_APPOSITIVE = regex.compile(
    r"\s*the\s+(?P<name>\p{Lu}[\w'’.-]*(?:\s+(?:of|for|the|and|\p{Lu}[\w'’.-]*)){0,8})\s*(?:\([^()]{1,20}\))?\s*"
)
# ", citing IOM," / ", quoting local officials," between a source and its verb
_RELAYED_TAIL = regex.compile(r",\s*(?:citing|quoting)\s[^,;:()]{1,80},\s*$", _F)
_SEGMENT_START = regex.compile(r"""[,;:"“”()\[\]]|\.\s""")
# "..., said X", "according to X": the source follows.
_SOURCE_AFTER = regex.compile(
    r"""(?:(?<=[,"”’]\s{0,3})(?P<verb>""" + alternation(words("speech_verbs_source_after"))
    + r""")|\b(?P<verb>""" + alternation(words("citing_words")) + rf"""))\s+
        (?!that\b|it\b|on\b|in\b|last\b|this\b|yesterday\b|today\b|
           (?:{_WEEKDAY})\b)
        (?P<src>(?:[^\s,;:"“”()\[\]\d][^\s,;:"“”()\[\]]*)(?:\s+[^\s,;:"“”()\[\]]+){{0,9}}?)
        (?P<role>\s*,\s*(?!\s*(?:citing|quoting)\b)(?:\d{{1,3}}\s*,\s*)?[^,;:"“”()\[\].]{{2,80}})?
        (?=\s*(?:[,;:"“”()\[\].]|$|\bon\s+(?:{_WEEKDAY})\b|
             \b(?:yesterday|today|late|in\s+a\b)))""",
    _F,
)
# "figures released by the Ministry of Health", "as reported by WHO": the source after "by"
_PUT_OUT_VERBS = words("publishing_verbs") + words("gathering_verbs")  # "figures RELEASED by"
_BY_VERBS = words("speech_verbs_passive") + _PUT_OUT_VERBS
_SOURCE_BY = regex.compile(
    rf"""\b(?P<verb>(?:{alternation(_BY_VERBS)})\s+by)\s+
        (?P<src>[^\s,;:"“”()\[\]\d][^,;:"“”()\[\]\d]{{0,80}}?)
        (?=\s*(?:[,;:"“”()\[\].]|$)|\s+(?:show|shows|showed|say|says|said|indicate|indicates|put|puts|
                                        on|in|as|at|from|for|since|were|was|had|have|has)\b)""",
    _F,
)
# "The ministry gave its own figures: ...", "the army released new casualty figures": a
# statement of figures by the source before the verb
_GIVING_VERBS = (words("giving_verbs") + words("publishing_verbs") + words("publishing_verbs_present")
                 + words("listing_verbs"))
_GAVE_FIGURES = regex.compile(
    rf"""\b(?P<verb>{alternation(_GIVING_VERBS)})\s+
        (?:(?:its|their|his|her|the|own|latest|new|official|updated|revised|separate|different|
              casualty|death|preliminary)\s+){{0,4}}
        (?:figures|toll|tally|tallies|count|numbers|statistics|estimates?|breakdown)\b""",
    _F,
)
# A list or a table introduced by a line that names its source: "Casualties reported by the
# Ministry of Health:" then "- 12 killed" or "| Killed | 12 |".
# a list item or a table row, or a row of a plain-text list: aligned columns or a dotted
# leader ("Dunmere    killed 7    injured 22", "Persons detained ....... 13")
_LIST_LINE = regex.compile(
    rf"^\s*(?:{LIST_BULLET}|\||{LIST_NUMBER}\s|[^\n]*?\S(?: {{3,}}|\s*\.{{3,}}\s*)[^\s.])"
)
# A source cited in brackets after the figures it gives, as situation reports do: "12
# killed (Ministry of Health, 3 May)", "(OCHA)", "(source: WHO)".
_CITATION = regex.compile(
    r"""\(\s*(?P<label>(?:data\s+)?sources?\s*:\s*)?(?P<src>[^\s()\d,;:][^()\d,;:]{0,79}?)
        (?:\s*[,;]\s*(?P<when>[^()]{1,40}))?\s*\)""",
    _F,
)
_LINE_END = regex.compile(r"[^\S\n]*[.;]?[^\S\n]*(?:\n|$)")
_BODIES = frozenset(words("bracket_sources"))  # "(humanitarian partners)", "(local authorities)"
_CLAUSE_END = regex.compile(r"\s*(?:[.,;:!?]|$|(?:and|but|while)\b)")
_LAST_WORD = regex.compile(r"([\w'’-]+)\W*$")
_DATE_WORDS = {*words("months"), *words("weekdays")}
_ACRONYM = regex.compile(r"(?=(?:\w*\p{Lu}){2})\p{Lu}[\p{L}&.]{1,9}")  # "MoH", "OCHA", "U.N."
# a bracket right before a speech verb: "the UN humanitarian office (OCHA) said"
_GLOSS_TAIL = regex.compile(r"\s*\([^()]{1,40}\)\s*$")
_ARTICLES = words("articles")
_BODY_POSSESSIVES = alternation(words("body_possessives"))
_POSSESSIVES = words("body_possessives") + words("person_possessives")
_SUBJECT_PRONOUNS = alternation(words("subject_pronouns"))
_DETERMINERS = regex.compile(
    rf"""^(?:(?:{alternation(_ARTICLES + _POSSESSIVES + words("source_leading_words"))})\s+)+""", _F
)
_ENDS_IN_PRONOUN = regex.compile(rf"\b(?:{_SUBJECT_PRONOUNS})$", _F)
_CLAUSE_WORDS = regex.compile(
    r"\b(?:were|was|is|are|had|have|has|been|will|would|could|killed|wounded|injured|died|dead|say|says|said|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?)\b", _F
)
_CLAUSE_BREAK = regex.compile(r"[,;]|\b(?:although|though|but|while|whereas|however)\b", _F)
_FIRST_PERSON = regex.compile(r"^(?:our|we)\b", _F)
_PRONOUN = regex.compile(
    rf"^(?:{alternation(words('subject_pronouns') + words('object_pronouns') + _POSSESSIVES)})$", _F
)
# a statement that no one made ("No group claimed responsibility"): no source
_NO_ONE = regex.compile(r"^(?:no|none|nobody|neither)\b", _F)
# relative pronouns in the words before a speech verb: "which local officials [said]" (an object
# relative, the source after it), "an activist who lives in [said]" (the source before it)
_LEADING_RELATIVE = regex.compile(r"^(?:which|whom)\s+", _F)
_RELATIVE_IN_SOURCE = regex.compile(r"\s+(who|which|that)\b\s*")  # (in lower case: not "the WHO")
_NAMES_AHEAD = regex.compile(rf"(?:{alternation(_ARTICLES + _POSSESSIVES)})\s|(?-i:\p{{Lu}})", _F)
_OPEN_COORDINATION = regex.compile(r"\s(?:and|or)$", _F)  # "Clashes on Saturday and [claimed]"
# Words that point back to a source named earlier in the document.
_ANAPHORA = (
    ("ministry", lambda a: "ministry" in a.lower()),
    ("hospital", lambda a: "hospital" in a.lower()),
    ("front", lambda a: "front" in a.lower()),
    ("army", lambda a: a in ("Military",)),
    ("mayor", lambda a: "mayor" in a.lower()),
    ("council", lambda a: "council" in a.lower()),
    ("observatory", lambda a: "observatory" in a.lower()),
    ("agency", None),
    ("organisation", None),
    ("organization", None),
    ("group", None),
    ("charity", None),
    ("committee", lambda a: "committee" in a.lower()),
    ("society", lambda a: "society" in a.lower()),
    ("office", lambda a: "office" in a.lower()),
    ("mission", lambda a: "mission" in a.lower()),
)
_ANAPHORA_RE = regex.compile(
    r"\b(?:the|its|this|a|an)\s+(?:(?:UN|U\.N\.|rights|medical|aid|humanitarian|relief|children's|"
    r"refugee|health|local|charity|non-governmental)\s+)*"
    r"(?P<head>" + "|".join(h for h, _ in _ANAPHORA) + r")(?:'s|’s)?\b",
    _F,
)
def _stems(phrases: list[str]) -> str:
    """A std-`re` pattern (a trie) of the first words of the phrases, lowered, leaving out a word
    that holds another ("reports" holds "report"): it finds every phrase in case-folded text."""
    firsts = {p.split()[0].lower() for p in phrases}
    return phrase_pattern(w for w in firsts if not any(o != w and o in w for o in firsts))


# What a match of each pattern holds, looked for first with the standard library's faster
# engine: the verbs of _SOURCE_AFTER, _SOURCE_BY and _SPEECH_VERB (in the case-folded
# sentence), the heads of _ANAPHORA_RE (likewise) and the nouns of _ORG (as written).
_SPEECH_HINT = re.compile(_stems(
    words("speech_verbs") + words("speech_verbs_source_after") + words("citing_words") + _BY_VERBS
    + _GIVING_VERBS
))
_ANAPHORA_HINT = re.compile("|".join(h for h, _ in _ANAPHORA))
_ORG_HEADS = phrase_pattern(words("organisation_heads"), lower=False)
_ORG_HINT = re.compile(_ORG_HEADS)
_MEDIA_SELF = regex.compile(r"\bthe\s+(?:station|newspaper|broadcaster|paper|channel)\b", _F)
# A capitalised organisation name inside a longer source: "Doctors at [Orsel Regional Hospital]".
_ORG = regex.compile(
    rf"""(?<![\w'’.-])(?-i:(?:\p{{Lu}}[\w'’.-]*\s+){{0,5}}?
        (?:{_ORG_HEADS})
        (?:\s+(?:of|for)(?:\s+the)?(?:\s+\p{{Lu}}[\w'’.-]*)+)?)""",
    regex.VERBOSE,
)
_ROLE_TAIL = regex.compile(rf"""\b(?:{alternation(words("speaker_roles") + words("speaker_kinds"))})\b""", _F)
_TITLES = phrase_pattern(words("personal_titles"), lower=False)  # "Dr", "Col." before a name
_NAME_ONLY = regex.compile(
    rf"^(?:(?:(?:{_TITLES})\.?\s+)(?-i:\p{{Lu}})[\w'’.-]*"
    r"|(?-i:\p{Lu})[\w'’.-]*(?:\s+(?-i:\p{Lu})[\w'’.-]*){1,3})$"
)


# A statement that goes on in the next sentence of its paragraph: "Another 40 were injured".
_CONTINUES_PARAGRAPH = regex.compile(
    rf"^\W*(?:{alternation(words('source_continues'))})\b", regex.IGNORECASE
)
# a sentence that opens with its source frames its paragraph: "According to X, ...", "Latest
# figures from X show ..."
_OPENS_WITH_SOURCE = regex.compile(
    r"^\W*(?:according\s+to|(?:the\s+)?(?:\w+\s+)?(?:figures|data|statistics)\s+(?:\w+\s+)?(?:by|from))\b", _F
)
# "Latest figures by the Ministry of Health indicate ...", "data from OCHA show ...", and a
# line over a list or a table: "Figures of the Harlow Fire Service as of noon:"
_FIGURES_HINT = re.compile(r"figures|data|statistics|numbers|tallies|estimates")
_FIGURES_BY = regex.compile(
    rf"""\b(?:figures|data|statistics|numbers|tallies|estimates)\s+
        (?:(?:{alternation(_PUT_OUT_VERBS)})\s+)?(?:by|from|of)\s+
        (?P<src>[^\s,;:"“”()\[\]\d][^,;:"“”()\[\]\d]{{0,80}}?)
        (?:\s+(?:show|shows|showed|indicate|indicates|indicated|suggest|suggests|put|puts|reveal|reveals)\b
           |\s+as\s+(?:of|at)\b[^\n]{{0,60}}:\s*$|\s*:\s*$)""",
    _F,
)
# "Source: Ministry of Health" (or "(Sources: OCHA, 17 May)") as a line of its own
_SOURCE_LINE = regex.compile(
    r"""^\s*[(\[]?\s*(?:data\s+)?sources?\s*:\s*(?P<src>[^\s,;:()\[\]\d][^,;:()\[\]\n]{0,100}?)
        (?:\s*[,;][^()\[\]\n]{0,60})?\s*[)\]]?\s*\.?\s*$""",
    _F,
)
_DIGIT = re.compile(r"\d")
# a person's name, for "Ruiz added" after "Ana Ruiz, a police spokesman, said"
_PERSON = regex.compile(
    rf"(?<![\w'’-])(?:(?:{_TITLES})\.?\s+)?\p{{Lu}}[\w'’-]+\s+(?P<surname>\p{{Lu}}[\w'’-]+)(?![\w'’-])"
)
# a role that refers back to the official who spoke before: "the spokesman told reporters"
# the United Nations at large, and the title of one of its offices after it: "the UN
# [humanitarian coordinator]", "the UN [special envoy]" (not "the UN spokesman": the UN's)
_UMBRELLA_UN = "United Nations"
_UN_OFFICE = regex.compile(
    rf"(?:\s+(?-i:[a-z][a-z-]+)){{1,3}}?\s+(?:{alternation(words('un_office_titles'))})\b", _F
)
# "Its spokesperson", "their director": the role of the body named before
_POSSESSIVE_ROLE = regex.compile(
    rf"^(?:{_BODY_POSSESSIVES})\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{alternation(words('speaker_roles') + words('speaker_kinds') + words('head_titles'))})$",
    _F,
)
# a definite noun in lower case ("the directorate", "the league's"): perhaps the head of a name
_DEFINITE_NOUN = regex.compile(r"\b(?:the|its|this)\s+(?P<head>(?-i:[a-z]+))(?:'s|’s)?\b", _F)
_ROLE_BACK = regex.compile(
    rf"^(?P<role>{alternation(words('speaker_roles') + words('office_holders'))})$", _F
)


class _Layout:
    """Where a document's sentences stand: which start a paragraph (after a line break) or a
    block (after a blank line), where each list ends and each block's last sentence."""

    def __init__(self, text: str, sentences: Sequence[Sentence]) -> None:
        n = len(sentences)
        gaps = [text[sentences[k - 1].end : sentences[k].start] if k else "\n\n" for k in range(n)]
        self.new_paragraph = ["\n" in gap for gap in gaps]
        self.new_block = [_BLANK_LINE.search(gap) is not None for gap in gaps]
        self.list_end = [n] * n  # for a list item: the first sentence after its list
        self.block_end = [n - 1] * n
        listed = [bool(_LIST_LINE.match(s.text)) for s in sentences]
        for k in range(n - 2, -1, -1):
            self.list_end[k] = self.list_end[k + 1] if listed[k + 1] else k + 1
            self.block_end[k] = k if self.new_block[k + 1] else self.block_end[k + 1]


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True, slots=True)
class Source:
    """A resolved source: the agency's name, the words that name it, how it was attributed,
    where in the sentence it stands, the speech verb's span (for the report date), and the
    source that relayed it ("OCHA, citing IOM, reported": IOM, carried by OCHA)."""

    agency: str
    text: str
    attribution: str  # said, according_to, reported, cited, mentioned, carried, publisher
    kind: str  # the agency table's kind, "" when not in the table
    start: int
    verb_end: int = -1
    carrier: str = ""


class Attributor:
    """Resolves the sources of one document's sentences, in reading order.

    It remembers the agencies already named so that later references back to them
    ("the ministry said", "she said") resolve.
    """

    def __init__(self, publisher: str | None, text: str = "",
                 sentences: Sequence[Sentence] = ()) -> None:
        """`text` and its `sentences` (all of them, in order) let a source named after a list
        or at the end of a block attribute the figures before it, and a paragraph's source
        those of the paragraph; without them each sentence is read alone."""
        self.publisher = publisher or ""
        self.named: list[tuple[str, str]] = []  # (agency, kind), most recent last
        # the most recent names of several words by their last word, by each of their ends
        # ("health directorate"), and by their initials ("ndma")
        self._by_head: dict[str, tuple[str, str]] = {}
        self._by_end: dict[str, str] = {}
        self._by_initials: dict[str, tuple[str, str]] = {}
        self.last: Source | None = None
        self.lead: Source | None = None  # the source of the line that introduced a list
        self.listed: Source | None = None  # that source, while the list goes on
        self.frame: Source | None = None  # "According to X, ..." for the rest of the paragraph
        self.in_paragraph: Source | None = None  # the paragraph's last stated source
        self.people: dict[str, Source] = {}  # a named person's surname: the source they speak for
        self.sentences = sentences
        self.index = -1
        self._layout = _Layout(text, sentences) if sentences else None
        self._closers: dict[int, Source | None] = {}
        self._spoken: tuple[str | None, bool] = (None, False)
        self._closing: tuple[str | None, Source | None] = (None, None)

    def sources(self, sentence: str, index: int | None = None) -> list[Source]:
        """The sources stated in one sentence, left to right; remembers them for later.
        `index` is the sentence's place among the document's sentences, when they are known."""
        if index is not None and self._layout:
            self.index = index
            if self._layout.new_paragraph[index]:
                self.frame = self.in_paragraph = None
        found, named = self._find(sentence)
        for _, name, kind in sorted(named):
            self._remember(name, kind)
        stated = [source for source in found if source.attribution != "mentioned"]
        if stated:
            self.last = self.in_paragraph = stated[-1]
            opening = stated[0]
            if opening.attribution == "according_to" and _OPENS_WITH_SOURCE.match(sentence):
                self.frame = opening  # "According to the ministry, 12 ... Another 40 ..."
            self._remember_people(sentence, stated)
        if _LIST_LINE.match(sentence) and self.lead:
            self.listed = self.lead
        else:
            self.listed = None
            self.lead = stated[-1] if stated and sentence.rstrip().endswith(":") else None
        return found

    def _find(self, sentence: str) -> tuple[list[Source], list[tuple[int, str, str]]]:
        """The sources stated in a sentence, and every agency it names (start, name, kind),
        without remembering them."""
        mentions = find_agencies(sentence)
        folded = sentence.casefold()
        speech = _SPEECH_HINT.search(folded) is not None
        found: list[Source] = []
        taken: list[tuple[int, int]] = []
        chained: list[Source] = []  # "citing IOM", "quoting local officials": a relayed source
        for m in _SOURCE_AFTER.finditer(sentence) if speech else ():
            if _CLAUSE_WORDS.search(m.group("src")) or regex.search(r"\d", m.group("src")):
                continue  # "said two people were killed": a report, not its source
            source = self._resolve(m.group("src"), mentions, m.start("src"), sentence)
            end = m.end("src")  # (the role, when it is not read, may hold another statement)
            if m.group("role") and (source is None or _NAME_ONLY.match(m.group("src").strip())) \
                    and not _CLAUSE_WORDS.search(m.group("role")):
                role = regex.sub(r"^\s*,\s*(?:\d{1,3}\s*,\s*)?", "", m.group("role"))
                by_role = self._resolve(role, mentions, m.start("role"), sentence)
                source, end = (by_role, m.end()) if by_role else (source, end)
            if source:
                how = "according_to" if m.group("verb").lower().startswith("according") else "said"
                found.append(_with(source, how, m.start("src"), m.end("verb")))
                taken.append((m.start(), end))
                if m.group("verb").lower() in ("citing", "quoting"):
                    chained.append(found[-1])
        for m in _SOURCE_BY.finditer(sentence) if speech else ():
            source = self._resolve(m.group("src"), mentions, m.start("src"), sentence)
            if source:
                found.append(_with(source, "reported", m.start("src"), m.end("verb")))
                taken.append(m.span())
        for m in _SPEECH_VERB.finditer(sentence) if speech else ():
            if any(s <= m.start() < e for s, e in taken) or _NOT_SPEECH.match(sentence, m.end()):
                continue  # ("claimed responsibility", "claimed by"): no statement of figures
            src, offset = _source_before(sentence, m.start())
            if not src or _CLAUSE_WORDS.search(src) or regex.search(r"\d", src):
                continue  # "655 people are registered": the figure, not its source
            source = self._resolve(src, mentions, offset, sentence)
            if source:
                how = "reported" if m.group("verb").lower().startswith("report") else "said"
                found.append(_with(source, how, offset, m.end()))
        for m in _GAVE_FIGURES.finditer(sentence) if speech else ():
            src, offset = _source_before(sentence, m.start())
            if not src or _CLAUSE_WORDS.search(src) or regex.search(r"\d", src):
                continue
            source = self._resolve(src, mentions, offset, sentence)
            if source:
                found.append(_with(source, "said", offset, m.end("verb")))
        for m in _CITATION.finditer(sentence) if "(" in sentence else ():
            source = self._cited(m, mentions, sentence)
            if source:
                found.append(source)
        for m in _FIGURES_BY.finditer(sentence) if _FIGURES_HINT.search(folded) else ():
            if any(s.start == m.start("src") for s in found):
                continue  # ("figures released by X show": read as reported by X)
            source = self._resolve(m.group("src"), mentions, m.start("src"), sentence)
            if source:  # "Latest figures from the Ministry of Health indicate ..."
                found.append(_with(source, "according_to", m.start("src"), m.end()))
        line = _SOURCE_LINE.match(sentence) if "source" in folded else None
        if line:  # "Source: Ministry of Health" on a line of its own
            source = self._resolve(line.group("src"), mentions, line.start("src"), sentence)
            if source:
                found.append(_with(source, "cited", line.start("src"), line.start("src")))
        if chained:
            found = _chain(found, chained)
        stated = {s.agency for s in found}  # (a set: a sitrep cites the same agency often)
        for mention in mentions:
            if mention.agency.kind in ("UN", "NGO", "Red Cross") and mention.agency.name not in stated \
                    and not any(s.start <= mention.start < s.start + len(s.text) + 2 for s in found):
                # (not already a source here, as in "the UN office (OCHA) said")
                found.append(Source(mention.agency.name, mention.text, "mentioned",
                                    mention.agency.kind, mention.start))
                stated.add(mention.agency.name)
        found.sort(key=lambda s: s.start)
        named: list[tuple[int, str, str]] = [(s.start, s.agency, s.kind) for s in found]
        named += [(m.start, m.agency.name, m.agency.kind) for m in mentions]
        for org in _ORG.finditer(sentence) if _ORG_HINT.search(sentence) else ():
            if not any(m.start <= org.start() < m.end for m in mentions):
                name = self._fuller(_DETERMINERS.sub("", org.group(0).strip()))
                named.append((org.start(), name, ""))
        for anaphor in _ANAPHORA_RE.finditer(sentence) if _ANAPHORA_HINT.search(folded) else ():
            earlier = self._earlier(anaphor.group("head").lower())
            if earlier:
                named.append((anaphor.start(), *earlier))
        return found, named

    def _remember_people(self, sentence: str, stated: list[Source]) -> None:
        """Remembers the surnames of the people named with each stated source ("Ana Ruiz, a
        police spokesman, said"), so that "Ruiz added" later is that source."""
        for source in stated:
            if source.start < 0 or not source.kind and source.agency[:1].isupper() \
                    and " " not in source.agency:
                continue
            low, high = max(0, source.start - 60), min(len(sentence), source.verb_end + 60)
            for person in _PERSON.finditer(sentence, low, high):
                surname = person.group("surname")
                if surname not in source.agency and not lookup(surname):
                    self.people[surname] = source

    def _speaks(self, sentence: str) -> bool:
        """True when the sentence has a speech verb (once per sentence, not per figure)."""
        if self._spoken[0] is not sentence:
            self._spoken = (sentence, _SPEECH_VERB.search(sentence) is not None)
        return self._spoken[1]

    def _closer(self, sentence: str) -> Source | None:
        """The source named after the figures of the current sentence: on the line after the
        list it is an item of ("Source: Ministry of Health", "..., the ministry said"), or on
        the last line of its block ("Source: OCHA")."""
        layout = self._layout
        if layout is None or self.index < 0:
            return None
        k = self.index
        if _LIST_LINE.match(sentence):
            after = layout.list_end[k]
            if after in self._closers:
                return self._closers[after]
            closer = None
            text = self.sentences[after].text if after < len(self.sentences) else ""
            # (after a blank line, only a line that is wholly a source: "(figures compiled by
            # the fire service)", "Source: OCHA")
            if text and (not layout.new_block[after] or _SOURCE_LINE.match(text)
                         or text.strip().startswith("(") and text.rstrip(" .").endswith(")")):
                found, _ = self._find(text)
                stated = [s for s in found if s.attribution != "mentioned"]
                if stated and (_SOURCE_LINE.match(text) or not _DIGIT.search(text)):
                    closer = stated[0]
            self._closers[after] = closer
            return closer
        last = layout.block_end[k]
        if last == k:
            return None
        if last not in self._closers:
            text = self.sentences[last].text
            found, _ = self._find(text) if _SOURCE_LINE.match(text) else ([], [])
            self._closers[last] = next((s for s in found if s.attribution == "cited"), None)
        return self._closers[last]

    def choose(self, sources: list[Source], position: int, sentence: str) -> Source:
        """The source of the figure at `position` of a sentence with these sources."""
        cited = [s for s in sources if s.attribution == "cited" and s.start >= position]
        if cited:  # "12 killed (Ministry of Health)": the first citation after the figure
            return cited[0]
        before = [s for s in sources if s.start < position and s.attribution != "cited"]
        after = [s for s in sources if s.start >= position and s.attribution != "mentioned"]
        if before:
            nearest = before[-1]
            if nearest.agency[:1].islower():  # "OCHA said partners had confirmed 31 deaths"
                stated = [s for s in before[:-1] if s.kind and s.attribution != "mentioned"
                          and not _CLAUSE_BREAK.search(sentence, s.verb_end, nearest.start)]
                if stated:
                    return stated[-1]
            return nearest
        if after:
            return after[0]
        if self.listed:  # an item of a list whose opening line named the source
            return replace(self.listed, attribution="carried", start=-1, verb_end=-1)
        if self._closing[0] is not sentence:  # (once per sentence, not per figure)
            self._closing = (sentence, self._closer(sentence))
        closer = self._closing[1]
        if closer:  # a list, or a block, whose source is named after it
            return replace(closer, attribution="carried", start=-1, verb_end=-1)
        own = (self.in_paragraph or self.frame) and self._speaks(sentence)  # an unnamed speaker
        if self.in_paragraph and not own and _CONTINUES_PARAGRAPH.match(sentence):
            # "Another 40 were injured": the paragraph's statement goes on
            return replace(self.in_paragraph, attribution="carried", start=-1, verb_end=-1)
        if self.frame and not own:  # "According to X, ..." opened the paragraph
            return replace(self.frame, attribution="carried", start=-1, verb_end=-1)
        if self.last and _continues(sentence):
            return replace(self.last, attribution="carried", start=-1, verb_end=-1)
        return Source(self.publisher, "", "publisher", "media", -1)

    def _cited(self, m: regex.Match, mentions: list[AgencyMention], sentence: str) -> Source | None:
        """The source a bracket cites, when it names an organisation: not the acronym after a
        name ("the World Health Organization (WHO)", "United States (US) citizens") nor other
        asides ("(aged 25)"). A bracket with a date or "source:" always cites; a bare name only
        where it closes a clause and does not follow a capitalised word."""
        start, src = m.start(), m.group("src").strip()
        if _between(mentions, start - 2, start + 1, key=_end_of):
            return None  # an acronym glossing the name before it
        # "(humanitarian partners)", "(local authorities)" closing a line: a body in lower case
        bodies = src[0].islower() and _LINE_END.match(sentence, m.end()) is not None \
            and src.split()[-1].lower() in _BODIES
        if not m.group("label") and not src[0].isupper() and not bodies:
            return None  # "(including five soldiers)", "(a town of 20,000)": an aside
        if not m.group("when") and not m.group("label"):
            before = _LAST_WORD.search(sentence, max(0, start - 40), start)
            if not _CLAUSE_END.match(sentence, m.end()) or _initials_of(src, sentence[:start]) or (
                    before and before.group(1)[0].isupper() and before.group(1).lower() not in _DATE_WORDS):
                return None  # "explosive device (IED) detonated", "Colombia (FARC)", "officer (PSO)"
        inside = _between(mentions, m.start("src"), m.end("src"), key=_start_of)
        agency = lookup(src) or (inside[0].agency if inside else None)
        if agency:
            return Source(agency.name, src, "cited", agency.kind, start, start)
        name = _DETERMINERS.sub("", src)
        if (_ORG.fullmatch(src) or _ACRONYM.fullmatch(src) or m.group("label") or bodies) \
                and is_valid_agency(name, self.publisher):
            return Source(name, src, "cited", "", start, start)
        return None

    def _resolve(self, src: str, mentions: list[AgencyMention], offset: int,
                 sentence: str) -> Source | None:
        src = " ".join(src.split()).strip(" '’.").lstrip("-*•▪◦–|> ")  # (not a list's bullet)
        src = _LEADING_RELATIVE.sub("", src)  # "..., which local officials said"
        if rel := _RELATIVE_IN_SOURCE.search(src):
            # "an activist who lives in [said]": the activist; "an attack that the military [said]":
            # the military
            after = src[rel.end() :]
            src = after if rel.group(1) != "who" and _NAMES_AHEAD.match(after) else src[: rel.start()]
        if _NO_ONE.match(src) or _OPEN_COORDINATION.search(src) or _REPORT_NOUN.fullmatch(src):
            return None  # "Initial [reports] state ...": the verb was a noun
        if not _DETERMINERS.sub("", src + " ").strip() or len(src.split()) > 14:
            return None  # nothing but "an" ("an estimated 1,200"), or too long for a name
        for mention in mentions:
            if offset <= mention.start < offset + len(src) + 2:
                office = _UN_OFFICE.match(sentence, mention.end) \
                    if mention.agency.name == _UMBRELLA_UN else None
                if office:  # "the UN humanitarian coordinator": that office, not the UN at large
                    role = f"{mention.text} {' '.join(office.group(0).split())}"
                    return Source(_DETERMINERS.sub("", role), src, "", "", offset)
                return Source(mention.agency.name, src, "", mention.agency.kind, offset)
        if _MEDIA_SELF.search(src) and self.publisher:
            return Source(self.publisher, src, "", "media", offset)
        author, carrier = _author_of(src)  # "a statement from the resistance force": the force
        if carrier:
            source = self._resolve(author, mentions, offset, sentence)
            relay = self._resolve(carrier, mentions, offset + src.find(carrier), sentence)
            return replace(source, carrier=relay.agency if relay else carrier) if source else None
        authored, src = author != src, author
        anaphor = _ANAPHORA_RE.search(src)
        if anaphor:
            earlier = self._earlier(anaphor.group("head").lower())
            if earlier:
                return Source(earlier[0], src, "", earlier[1], offset)
        earlier = self._named_back(src)
        if earlier:  # "the directorate", "the league's director", "its spokesperson"
            return Source(earlier[0], src, "", earlier[1], offset)
        bare = _DETERMINERS.sub("", src)
        if " " in bare and bare.islower() and bare in self._by_end:
            # "the regional health office" after "the Ostreva Regional Health Office"
            fuller = self._by_end[bare]
            return Source(fuller, src, "", next((k for n, k in reversed(self.named) if n == fuller), ""),
                          offset)
        if _PRONOUN.match(bare) or _FIRST_PERSON.match(src) or _ENDS_IN_PRONOUN.search(src):
            here = [m for m in mentions if m.end <= offset]
            if here:
                return Source(here[-1].agency.name, src, "", here[-1].agency.kind, offset)
            if self.named:
                name, kind = self.named[-1]
                return Source(name, src, "", kind, offset)
            return None
        org = _ORG.search(src)
        if org:
            name = _DETERMINERS.sub("", org.group(0).strip())
            agency = lookup(name)
            if not agency:  # "the Provincial Health Directorate" after "the Ardun Provincial ..."
                name = self._fuller(name)
            return Source(agency.name if agency else name, src, "", agency.kind if agency else "",
                          offset)
        agency = lookup(bare)
        if agency:
            return Source(agency.name, src, "", agency.kind, offset)
        first = bare.split()[0] if bare.split() else ""
        if _ACRONYM.fullmatch(first) and (first == bare or _ROLE_TAIL.search(bare)):
            # "the NDMA", "NDMA spokeswoman Farida Osman": the body named before by those initials
            spelt = self._spelt(first)
            if spelt:
                return Source(spelt[0], src, "", spelt[1], offset)
        back = self._person_or_role(bare, src.lower().startswith("the "))
        if back:
            return replace(back, text=src, attribution="", start=offset, verb_end=-1)
        if _NAME_ONLY.match(bare) and not _ROLE_TAIL.search(bare) and not authored \
                and not _ROLE_BACK.match(first) \
                and not is_actor_word(bare.split()[-1]):  # ("Watan News" is no person)
            return None  # a person's name alone: the role, if any, is found elsewhere
        if not regex.search(r"[A-Za-z]", bare) or bare.lower() in ("that", "which", "who"):
            return None
        words = bare.split()
        if words[0].istitle() and all(w.islower() for w in words[1:]) and not lookup(words[0]) \
                and (len(words) > 1 or is_actor_word(bare)) and _opens(sentence, words[0], offset):
            bare = bare[0].lower() + bare[1:]  # "Local officials", "Witnesses" at a sentence start
        if not is_valid_agency(bare, self.publisher):
            return None  # "hostilities continued to be", "in its latest": no name of a source
        return Source(bare, src, "", "", offset)

    def _person_or_role(self, bare: str, definite: bool) -> Source | None:
        """The source of a person or a role named before: "Ruiz" or "Mr Ruiz" after "Ana Ruiz,
        a police spokesman, said"; "the spokesman" after "a police spokesman said"."""
        surname = bare.split()[-1] if bare else ""
        if surname in self.people and (len(bare.split()) == 1 or _NAME_ONLY.match(bare)):
            return self.people[surname]
        role = _ROLE_BACK.match(bare)
        if role and definite and self.last and role.group("role").lower() in self.last.text.lower():
            return self.last
        title, _, name = bare.partition(" ")
        if self.last and _ROLE_BACK.match(title) and _NAME_ONLY.match(name) \
                and title.lower() in self.last.text.lower():
            return self.last  # "Governor Ana Ruiz said" after "the provincial governor said"
        said = self.last.text.lower().split() if self.last else []
        words = bare.lower().split()
        if definite and 1 < len(words) <= 3 and _ROLE_BACK.match(words[-1]) \
                and all(w in said for w in words):
            return self.last  # "the district head" after "the head of Sarrow district said"
        return None

    def _remember(self, name: str, kind: str) -> None:
        self.named.append((name, kind))
        words = name.split()
        if len(words) < 2 or len(words) > 12:
            return
        self._by_head[words[-1].lower()] = (name, kind)
        for k in range(1, len(words)):
            self._by_end[" ".join(words[k:]).lower()] = name
        initials = "".join(w[0] for w in words if w[:1].isupper()).lower()
        if len(initials) > 1:
            self._by_initials[initials] = (name, kind)

    def _named_back(self, src: str) -> tuple[str, str] | None:
        """The organisation named before that a source refers back to: by the head noun of
        its name ("the directorate", "the head of the directorate", "the league's director"
        after "the Ardun Provincial Health Directorate", "the Marenland Human Rights League"),
        or by "its" before a role ("Its spokesperson" after "The UN human rights office")."""
        if _POSSESSIVE_ROLE.match(src) and self.named:
            return self.named[-1]
        for m in _DEFINITE_NOUN.finditer(src):
            if m.group("head") in self._by_head:
                return self._by_head[m.group("head")]
        return None

    def _fuller(self, name: str) -> str:
        """The fuller name, named before, of which `name` is the end ("Provincial Health
        Directorate" after "Ardun Provincial Health Directorate"), else `name`."""
        return self._by_end.get(" ".join(name.lower().split()), name)

    def _spelt(self, acronym: str) -> tuple[str, str] | None:
        """The organisation named before whose initials the acronym spells ("NDMA" after
        "the National Disaster Management Authority")."""
        return self._by_initials.get(acronym.replace(".", "").lower())

    def _earlier(self, head: str) -> tuple[str, str] | None:
        test = dict(_ANAPHORA)[head]
        for name, kind in reversed(self.named):
            if test is None:
                if head == "agency" and kind != "UN":
                    continue
                return name, kind
            if test(name):
                return name, kind
        return None



_DOCUMENTS = "|".join(sorted(words("source_documents"), key=len, reverse=True))
_DOCUMENT = regex.compile(
    rf"(?:\w+\s+){{0,3}}?(?:{_DOCUMENTS})(?:\s+\w+ed)?\s+(?:from|by|of)\s+(?P<author>\S.*)", _F
)
# "the coalition statement carried by state TV": the coalition's, relayed by state TV
_RELAYED_DOCUMENT = regex.compile(
    rf"(?P<author>.+?)\s+(?:{_DOCUMENTS})\s+(?:carried|quoted|cited|relayed|aired|broadcast)\s+"
    rf"(?:by|on)\s+(?P<carrier>\S.*)", _F
)
_DOCUMENT_TAIL = regex.compile(rf"\s+(?:{_DOCUMENTS})(?:\s.*)?$")


def _author_of(src: str) -> tuple[str, str]:
    """Who made a document named as the source, and who relayed it: "a statement from the
    resistance force" and "information obtained by Deutsche Welle" give the force and
    Deutsche Welle; "local media reports" gives local media; "the coalition statement carried
    by state TV" gives the coalition, relayed by state TV."""
    m = _RELAYED_DOCUMENT.fullmatch(src)
    if m and is_valid_agency(m.group("author")):
        return m.group("author"), m.group("carrier")
    m = _DOCUMENT.fullmatch(src)
    if m:
        return m.group("author"), ""
    m = _DOCUMENT_TAIL.search(src)
    if m and m.start() > 0 and is_valid_agency(src[: m.start()]):
        return src[: m.start()], ""
    return src, ""


def _opens(sentence: str, word: str, offset: int) -> bool:
    """True when `word` (at or after `offset`) opens the sentence, where its capital says
    nothing: "Local officials said", but not "An Afghan official said" or "the Ardun
    provincial health directorate said", whose capitals are their own."""
    at = sentence.find(word, offset)
    return at < 0 or not regex.search(r"\p{L}", sentence[:at])


def _start_of(mention: AgencyMention) -> int:
    return mention.start


def _end_of(mention: AgencyMention) -> int:
    return mention.end


def _between(mentions: list[AgencyMention], low: int, high: int,
             key: Callable[[AgencyMention], int]) -> list[AgencyMention]:
    """The mentions (in text order, so sorted by start and by end) whose `key` offset is at
    least `low` and below `high`, found by bisection: a sentence of many citations is not
    read once per citation."""
    return mentions[bisect_left(mentions, low, key=key) : bisect_left(mentions, high, key=key)]


def _initials_of(acronym: str, text: str) -> bool:
    """True when the acronym spells the initials of the words that end the text
    ("a personal security officer" and "PSO")."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = [w for w in text.split() if w[:1].isalpha()][-len(letters):] if letters else []
    return len(words) == len(letters) > 1 and [w[0].lower() for w in words] == letters


def _source_before(sentence: str, verb: int) -> tuple[str, int]:
    """The words naming the source before a speech verb, and where they start.

    "The hospital's director, Dr Ivo Marek, said" gives "The hospital's director";
    "WHO, which counts only verified deaths, puts" gives "WHO"; "..., said X" gives
    nothing (the source follows the verb).
    """
    lo = max(0, verb - 200)
    head = sentence[lo:verb]
    head = _GLOSS_TAIL.sub("", head[: _AUX_TAIL.search(head).start()])
    if head.rstrip().endswith(","):
        relayed = _RELAYED_TAIL.search(head)
        head = head[: relayed.start()] if relayed else head
    if head.rstrip().endswith(","):
        appositive = _APPOSITIVE_TAIL.search(head)
        if appositive:
            head = head[: appositive.start()]
        else:
            segment, at = _previous_segment(head, len(head.rstrip()))
            if not _is_relative(segment):
                person, _ = _previous_segment(head, at)
                named = _NAMED_APPOSITIVE.fullmatch(segment)
                if named or _NAME_ONLY.match(person.strip()) and _ROLE_TAIL.search(segment):
                    # "Ana Ruiz, a police spokesman, said": the role names the source; "Another
                    # group, the Besk Rights Centre (BRC), reported": the name does
                    src = named.group("name") if named else segment.strip()
                    return src, lo + at + segment.find(src)
                return "", -1
            head = head[: max(0, at - 1)]
    cut = 0
    for m in _SEGMENT_START.finditer(head):
        cut = m.end()
    return head[cut:].strip(), lo + cut + (len(head[cut:]) - len(head[cut:].lstrip()))


def _is_relative(src: str) -> bool:
    """True for the tail of a relative clause ("which counts only deaths", "has")."""
    words = src.strip().lower().split()
    return not words or words[0] in ("which", "who", "whose") or all(
        w in ("has", "have", "had", "also", "now") for w in words
    )


def _previous_segment(text: str, pos: int) -> tuple[str, int]:
    """The comma-separated segment that ends at the last comma before `pos`, and its start."""
    end = text.rfind(",", 0, pos)
    if end < 0:
        return "", pos
    start = text.rfind(",", 0, end) + 1
    return text[start:end], start


def _with(source: Source, attribution: str, start: int, verb_end: int) -> Source:
    return replace(source, attribution=attribution, start=start, verb_end=verb_end)


def _chain(found: list[Source], chained: list[Source]) -> list[Source]:
    """The sources of a sentence with each relayed source ("citing IOM") joined to the source
    that relays it: the nearest other statement before it, else the first after it ("OCHA,
    citing IOM, reported", "OCHA said, citing figures from IOM", "Citing IOM, OCHA said").
    Both then give the relayed agency, with the relaying one as its carrier."""
    joined = {id(c): c for c in chained}
    result = list(found)
    for cited in chained:
        others = [k for k, s in enumerate(result) if id(s) not in joined and s.agency != cited.agency]
        before = [k for k in others if result[k].start < cited.start]
        after = [k for k in others if result[k].start > cited.start]
        if not before and not after:
            continue
        k = before[-1] if before else after[0]
        carrier = result[k].agency
        result[k] = replace(result[k], agency=cited.agency, kind=cited.kind, carrier=carrier)
        at = next(j for j, s in enumerate(result) if s is cited)
        result[at] = replace(cited, attribution=result[k].attribution, carrier=carrier)
    return result


_CONTINUES = regex.compile(
    rf"""^\s*(?:["“]|(?:{_BODY_POSSESSIVES})\b|(?:{_SUBJECT_PRONOUNS}|the\s+\w+)\s+(?:also\s+)?(?:said|added))""",
    _F,
)


def _continues(sentence: str) -> bool:
    """True when a sentence plainly continues the statement before it (a quote, "It said")."""
    return bool(_CONTINUES.match(sentence))
