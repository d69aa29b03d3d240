"""Each mention rule, with its own example sentences: what that rule reads in them (the
mentions it adds or changes, as (category, value)), and what the whole engine reads.

The rules run in the order of RULES; a rule's mentions are those it adds when it runs in
its place, after the rules before it."""

from __future__ import annotations

import pytest

from extract.mention_rules import RULES
from extract.mentions import _OPENERS, find_mentions
from extract.reading import Reading

# rule name: [(sentence, what the rule reads, what the engine reads)]
EXAMPLES: dict[str, list[tuple[str, list[tuple[str, int]], list[tuple[str, int]]]]] = {
    "zero_statements": [
        ("No one was hurt when the shell struck an empty school.", [("wounded", 0)], [("wounded", 0)]),
        ("The convoy reached the camp without casualties.",
         [("killed", 0), ("wounded", 0)], [("killed", 0), ("wounded", 0)]),
    ],
    "label": [
        ("Killed: 14", [("killed", 14)], [("killed", 14)]),
        ("| Wounded (confirmed) | 52 |", [("wounded", 52)], [("wounded", 52)]),
        ("Persons kidnapped ........ 8", [("abducted", 8)], [("abducted", 8)]),
        ("Civilians reported missing ... 19", [("missing", 19)], [("missing", 19)]),
        ("People arbitrarily arrested:    230", [("detained", 230)], [("detained", 230)]),
        ("Harlow Point     dead 5     hurt 17", [("killed", 5), ("wounded", 17)],
         [("killed", 5), ("wounded", 17)]),
        ("  Tessel Marsh   wounded 3   missing 2", [("wounded", 3), ("missing", 2)],
         [("wounded", 3), ("missing", 2)]),
    ],
    "part_of": [
        ("Of the 88 dead, 30 were children.", [("killed", 30)], [("killed", 88), ("killed", 30)]),
        ("Among the 120 injured, 45 were women and 12 were aid workers.",
         [("wounded", 12), ("wounded", 45)], [("wounded", 120), ("wounded", 45), ("wounded", 12)]),
    ],
    "hypotheticals": [
        ("Officials warned the fighting could kill 300 more people.", [], []),
        ("The group threatened to abduct 20 teachers.", [], []),
    ],
    "killed_or_wounded": [
        ("At least 60 people were killed or wounded in the market blast.", [], []),
    ],
    "capacities": [
        ("The convoy brought surgical kits, enough for 300 operations.", [], []),
    ],
    "freed": [
        ("Police freed 14 of the hostages seized on Monday.", [], []),
    ],
    "verbs": [
        ("Gunmen killed 11 farmers and 3 herders near the river.",
         [("killed", 3), ("killed", 11)], [("killed", 11), ("killed", 3)]),
        ("Soldiers detained at least 40 men at the checkpoint.", [("detained", 40)], [("detained", 40)]),
    ],
    "of": [
        ("The health office confirmed the deaths of seven nurses.", [("killed", 7)], [("killed", 7)]),
        ("Residents reported the abduction of 25 schoolgirls.", [("abducted", 25)], [("abducted", 25)]),
    ],
    "of_them": [
        ("Police arrested 30 men, nine of whom were later charged.", [("detained", 9)],
         [("detained", 30), ("detained", 9)]),
        ("Rebels seized 15 traders, six of whom were still held on Monday.", [("detained", 6)],
         [("abducted", 15), ("abducted", 6)]),
    ],
    "taken": [
        ("Gunmen raided the village and took 23 farmers into the forest.", [("abducted", 23)],
         [("abducted", 23)]),
        ("The 40 girls taken from their dormitory have not been found.", [("abducted", 40)],
         [("abducted", 40)]),
    ],
    "after": [
        ("Nine civilians were reportedly killed in the shelling.", [("killed", 9)], [("killed", 9)]),
        ("More than 500 residents were displaced by the floods.", [("displaced", 500)], [("displaced", 500)]),
    ],
    "nouns": [
        ("The clinic recorded 19 deaths overnight.", [("killed", 19)], [("killed", 19)]),
        ("Surgeons carried out 64 surgeries in two days.", [("surgeries", 64)], [("surgeries", 64)]),
    ],
    "with_wounds": [
        ("The clinic admitted 39 villagers with blast wounds overnight.", [("wounded", 39)],
         [("wounded", 39)]),
    ],
    "to_hospital": [
        ("Volunteers carried 6 of them to a field hospital.", [("wounded", 6)], [("wounded", 6)]),
    ],
    "severities": [
        ("Triage graded 12 cases as critical and 40 as minor.", [("wounded", 12), ("wounded", 40)],
         [("wounded", 12), ("wounded", 40)]),
    ],
    "registered": [
        ("Asylum seekers keep arriving at the port, where the agency registered 2,700 people.",
         [("displaced", 2700)], [("displaced", 2700)]),
        ("The reception centre received 1,200 people, most of them refugees from the north.",
         [("displaced", 1200)], [("displaced", 1200)]),
    ],
    "tolls": [
        ("The death toll from the quake rose to 412 on Sunday.", [("killed", 412)], [("killed", 412)]),
    ],
    "brings_to": [
        ("The raid brings to 23 the number of teachers killed since March.", [("killed", 23)],
         [("killed", 23)]),
    ],
    "heads": [
        ("The dead included 15 children.", [("killed", 15)], [("killed", 15)]),
    ],
    "subsets": [
        ("The strike killed 31 people, including 9 children.", [("killed", 9)],
         [("killed", 31), ("killed", 9)]),
    ],
    "partitives": [
        ("Rebels wounded 30 soldiers, eight of them critically.", [("wounded", 8)],
         [("wounded", 30), ("wounded", 8)]),
    ],
    "among": [
        ("Six journalists were among the 40 people killed.", [("killed", 6)],
         [("killed", 6), ("killed", 40)]),
    ],
    "running_totals": [
        # (the 18 become a part of the total)
        ("The ministry reported 18 new deaths, bringing the total to 950.",
         [("killed", 18), ("killed", 950)], [("killed", 18), ("killed", 950)]),
    ],
    "revisions": [
        ("The number of people detained rose from 210 to 450.", [("detained", 210)],
         [("detained", 210), ("detained", 450)]),
        ("Deaths climbed from 8 to 19 on Sunday.", [("killed", 8), ("killed", 19)],
         [("killed", 8), ("killed", 19)]),
    ],
    "held_by_captors": [
        ("Bandits kidnapped 30 villagers; 11 are still held.", [("abducted", 11)],
         [("abducted", 30), ("abducted", 11)]),
        ("Six nurses are still being held, their captors said.", [("abducted", 6)],
         [("abducted", 6)]),
    ],
    "by_place": [
        ("Four farmers were killed in Umbra, 3 in Dassel and 2 in Korin.",
         [("killed", 2), ("killed", 3)], [("killed", 4), ("killed", 3), ("killed", 2)]),
    ],
    "listed_before": [
        ("Four police officers and two bystanders were wounded.", [("wounded", 4)],
         [("wounded", 4), ("wounded", 2)]),
    ],
    "single_persons": [
        ("A local reporter was shot dead outside his home.", [("killed", 1)], [("killed", 1)]),
        ("The village chief was abducted on Friday.", [("abducted", 1)], [("abducted", 1)]),
    ],
    "pairs": [
        ("His wife and his driver were killed in the ambush.", [("killed", 1), ("killed", 1)],
         [("killed", 1), ("killed", 1)]),
        ("A trader from the coast and his driver were killed in the ambush.",
         [("killed", 1), ("killed", 1)], [("killed", 1), ("killed", 1)]),
    ],
    "single_objects": [
        ("Militants killed a schoolteacher in the northern district.", [("killed", 1)], [("killed", 1)]),
        ("Police arrested a suspect on Tuesday.", [("detained", 1)], [("detained", 1)]),
    ],
    "with_one": [
        ("The raid ended at dawn, with a nurse wounded by shrapnel.", [("wounded", 1)], [("wounded", 1)]),
    ],
    "to_death": [
        ("A mob beat an elderly shepherd to death near the well.", [("killed", 1)], [("killed", 1)]),
    ],
    "them": [
        ("The gang seized four traders and later killed them.", [("killed", 4)],
         [("abducted", 4), ("killed", 4)]),
    ],
    "bombers": [
        ("The blast killed 12 people in addition to the bomber.", [("killed", 1)],
         [("killed", 12), ("killed", 1)]),
    ],
    "the_attackers": [
        ("The assailants and two guards were killed in the exchange of fire.", [("killed", 1)],
         [("killed", 1), ("killed", 2)]),
        ("The shooters died in a gunfight with the police hours later.", [("killed", 1)],
         [("killed", 1)]),
        ("The bomber was the only known casualty of the blast near the depot.", [("killed", 1)],
         [("killed", 1)]),
        ("Police said there were no deaths other than the attackers.", [("killed", 1)],
         [("killed", 0), ("killed", 1)]),
    ],
    "himself": [
        ("The attacker blew up the car, killing himself and five guards.", [("killed", 1)],
         [("killed", 1), ("killed", 5)]),
    ],
}
BLOCKING = {"hypotheticals", "killed_or_wounded"}  # rules that only keep counts from being read


def _read_by(name: str, sentence: str) -> tuple[list[tuple[str, int]], Reading]:
    """The mentions the named rule adds or changes, running the rules in order up to it."""
    reading = Reading.of(sentence, _OPENERS)
    for rule in RULES:
        found, extra = dict(reading.found), len(reading.extra)
        rule(reading)
        if rule.name == name:
            new = [m for i, m in reading.found.items() if found.get(i) != m] + reading.extra[extra:]
            return sorted((m.category, m.quantity.value) for m in new), reading
    raise KeyError(name)


def test_every_rule_has_examples_and_every_example_a_rule():
    assert [r.name for r in RULES] == list(EXAMPLES)


@pytest.mark.parametrize(("name", "sentence", "by_rule", "read"),
                         [(name, *case) for name, cases in EXAMPLES.items() for case in cases])
def test_rule_reads_its_examples(name, sentence, by_rule, read):
    mentions, reading = _read_by(name, sentence)
    assert mentions == sorted(by_rule)
    if name in BLOCKING:
        assert reading.blocked, "the rule blocks the count"
    assert [(m.category, m.quantity.value) for m in find_mentions(sentence)] == read


def test_a_count_is_read_by_the_first_rule_only():
    reading = Reading.of("Killed: 14", _OPENERS)
    for rule in RULES:
        rule(reading)
    assert reading.found[0].trigger == "killed" and reading.found[0].group == 0
    assert not reading.claim(0, "wounded", "", "wounded")
