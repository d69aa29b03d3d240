"""Who stated a figure: "X said", "said X", "according to X", "X reported", and statements
carried on to the next sentence ("It said...", a continuing quote).

A source is resolved to the agency table where it can be ("the UN refugee agency" is
UNHCR), to an agency named earlier in the document where the text refers back to it
("the ministry", "the hospital's director"), and is otherwise kept as written
("local officials", "the mayor of Besk").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .agencies import AgencyMention, find_agencies, lookup

_F = regex.IGNORECASE | regex.VERBOSE

# "X said", "X has said", "X also told": the source ends right before the verb.
_SOURCE_BEFORE = regex.compile(
    rf"""(?P<src>[^,;:"“”()\[\]]{{2,120}}?)\s*
        (?:,\s*(?P<name>\p{{Lu}}[\w'’.-]*(?:\s+\p{{Lu}}[\w'’.-]*){{0,3}}),\s*)?
        (?:(?:has|have|had|also|later|previously|earlier|separately|again|now|further)\s+){{0,2}}
        (?P<verb>said|says|say|told|tells|reported|reports|report|announced|announces|confirmed|
                 confirms|stated|states|added|adds|estimated|estimates|estimate|counted|counts|
                 recorded|records|registered|registers|noted|warned|claimed|claims|puts|put|
                 verified|documented|indicated|revealed|disclosed|tallied|tweeted|posted|wrote|
                 explained|insisted|acknowledged|quoted|cited)\b""",
    _F,
)
# "..., said X", "according to X": the source follows.
_SOURCE_AFTER = regex.compile(
    r"""\b(?P<verb>said|says|told|reported|added|according\s+to|quoted|citing|cited)\s+
        (?!that\b|it\b|on\b|in\b|last\b|this\b|yesterday\b|today\b|
           (?:mon|tues|wednes|thurs|fri|satur|sun)day\b)
        (?P<src>[^,;:"“”()\[\]]{2,140}?)
        (?=\s*(?:[,;:"“”()\[\].]|$|\bsaid\b|\bon\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|
             \b(?:yesterday|today|late|in\s+a\b|that\b|as\b|when\b|who\b|while\b)))""",
    _F,
)
_DETERMINERS = regex.compile(
    r"""^(?:(?:the|a|an|its|their|his|her|our|also|and|but|however|meanwhile|separately|
           some|one|two|three|several|other|another|local|senior|top)\s+)+""",
    _F,
)
_FIRST_PERSON = regex.compile(r"^(?:our|we)\b", _F)
_PRONOUN = regex.compile(r"^(?:he|she|it|they|we|i|you|our|officials|this)$", _F)
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
    r"\b(?:the|its|this)\s+(?:(?:UN|U\.N\.|rights|medical|aid|humanitarian|relief|children's|"
    r"refugee|health|local|charity|non-governmental)\s+)*"
    r"(?P<head>" + "|".join(h for h, _ in _ANAPHORA) + r")(?:'s|’s)?\b",
    _F,
)
_MEDIA_SELF = regex.compile(r"\bthe\s+(?:station|newspaper|broadcaster|paper|channel|agency's\s+reporter)\b", _F)
# A capitalised organisation name inside a longer source: "Doctors at [Orsel Regional Hospital]".
_ORG = regex.compile(
    r"""(?-i:(?:\p{Lu}[\w'’.-]*\s+){0,5}?
        (?:Hospital|Ministry|Society|Council|Front|Office|Organi[sz]ation|Agency|Committee|
           Services?|Army|Police|Trust|Watch|Commission|Union|Group|Association|Observatory|
           Movement|Mission|Centre|Center|Authority|Department|Network|Institute|Foundation|
           Forces|Coalition|Directorate|Prosecutor's\s+Office|Clinic|Morgue)
        (?:\s+(?:of|for)(?:\s+the)?(?:\s+\p{Lu}[\w'’.-]*)+)?)""",
    regex.VERBOSE,
)
_ROLE_TAIL = regex.compile(
    r"""\b(?:spokes(?:man|woman|person)|official|officials|director|head|chief|coordinator|
         representative|minister|commander|surgeon|doctor|officer|source|sources|staff|team|
         teams)\b""",
    _F,
)
_NAME_ONLY = regex.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Col|Colonel|Gen|General|Major|Capt|Captain)\.?\s+)?"
                           r"(?-i:\p{Lu}[\w'’.-]*)(?:\s+(?-i:\p{Lu})[\w'’.-]*){0,3}$")


@dataclass(frozen=True, slots=True)
class Source:
    """A resolved source: the agency's name, the words that name it, how it was attributed,
    where in the sentence it stands, and the speech verb's span (for the report date)."""

    agency: str
    text: str
    attribution: str  # said, according_to, reported, mentioned, carried, publisher
    kind: str  # the agency table's kind, "" when not in the table
    start: int
    verb_end: int = -1


class Attributor:
    """Resolves the sources of one document's sentences, in reading order.

    It remembers the agencies already named so that later references back to them
    ("the ministry said", "she said") resolve.
    """

    def __init__(self, publisher: str | None) -> None:
        self.publisher = publisher or ""
        self.named: list[tuple[str, str]] = []  # (agency, kind), most recent last
        self.last: Source | None = None

    def sources(self, sentence: str) -> list[Source]:
        """The sources stated in one sentence, left to right; remembers them for later."""
        mentions = find_agencies(sentence)
        found: list[Source] = []
        taken: list[tuple[int, int]] = []
        for m in _SOURCE_AFTER.finditer(sentence):
            source = self._resolve(m.group("src"), mentions, m.start("src"), sentence)
            if source:
                how = "according_to" if m.group("verb").lower().startswith("according") else "said"
                found.append(_with(source, how, m.start("src"), m.end("verb")))
                taken.append(m.span())
        for m in _SOURCE_BEFORE.finditer(sentence, overlapped=False):
            if any(s <= m.start("verb") < e for s, e in taken):
                continue
            src = m.group("src")
            if m.group("name") and not _ROLE_TAIL.search(src) and not _ORG.search(src):
                src = m.group("name")
            source = self._resolve(src, mentions, m.start("src"), sentence)
            if source:
                how = "reported" if m.group("verb").lower().startswith("report") else "said"
                found.append(_with(source, how, m.start("src"), m.end("verb")))
        for mention in mentions:
            if mention.agency.kind in ("UN", "NGO", "Red Cross") and not any(
                s.start <= mention.start < s.start + len(s.text) + 2 for s in found
            ):
                found.append(Source(mention.agency.name, mention.text, "mentioned",
                                    mention.agency.kind, mention.start))
        found.sort(key=lambda s: s.start)
        for source in found:
            if source.attribution != "mentioned":
                self._remember(source)
        for mention in mentions:
            self.named.append((mention.agency.name, mention.agency.kind))
        return found

    def choose(self, sources: list[Source], position: int, sentence: str) -> Source:
        """The source of the figure at `position` of a sentence with these sources."""
        before = [s for s in sources if s.start < position]
        after = [s for s in sources if s.start >= position and s.attribution != "mentioned"]
        if before:
            nearest = before[-1]
            if not nearest.kind:
                stated = [s for s in before[:-1] if s.kind and s.attribution != "mentioned"]
                if stated:
                    return stated[-1]
            return nearest
        if after:
            return after[0]
        if self.last and _continues(sentence):
            return Source(self.last.agency, self.last.text, "carried", self.last.kind, -1)
        return Source(self.publisher, "", "publisher", "media", -1)

    def _resolve(self, src: str, mentions: list[AgencyMention], offset: int,
                 sentence: str) -> Source | None:
        src = " ".join(src.split()).strip(" '’")
        if not src or len(src.split()) > 14:
            return None
        for mention in mentions:
            if offset <= mention.start < offset + len(src) + 2:
                return Source(mention.agency.name, src, "", mention.agency.kind, offset)
        if _MEDIA_SELF.search(src):
            return Source(self.publisher, src, "", "media", offset)
        anaphor = _ANAPHORA_RE.search(src)
        if anaphor:
            earlier = self._earlier(anaphor.group("head").lower())
            if earlier:
                return Source(earlier[0], src, "", earlier[1], offset)
        bare = _DETERMINERS.sub("", src)
        if _PRONOUN.match(bare) or _FIRST_PERSON.match(src):
            if self.last:
                return Source(self.last.agency, src, "", self.last.kind, offset)
            return None
        org = _ORG.search(src)
        if org:
            name = _DETERMINERS.sub("", org.group(0).strip())
            agency = lookup(name)
            return Source(agency.name if agency else name, src, "", agency.kind if agency else "",
                          offset)
        agency = lookup(bare)
        if agency:
            return Source(agency.name, src, "", agency.kind, offset)
        if _NAME_ONLY.match(bare) and not _ROLE_TAIL.search(bare):
            return None  # a person's name alone: the role, if any, is found elsewhere
        if not regex.search(r"[A-Za-z]", bare) or bare.lower() in ("that", "which", "who"):
            return None
        return Source(bare, src, "", "", offset)

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

    def _remember(self, source: Source) -> None:
        self.last = source
        self.named.append((source.agency, source.kind))


def _with(source: Source, attribution: str, start: int, verb_end: int) -> Source:
    return Source(source.agency, source.text, attribution, source.kind, start, verb_end)


_CONTINUES = regex.compile(r"""^\s*(?:["“]|(?:it|he|she|they|the\s+\w+)\s+(?:also\s+)?(?:said|added))""", _F)


def _continues(sentence: str) -> bool:
    """True when a sentence plainly continues the statement before it (a quote, "It said")."""
    return bool(_CONTINUES.match(sentence))
