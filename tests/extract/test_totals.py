"""Document totals: sums across clauses, no double counting of subsets or repeats."""

import pytest

from extract import document_totals
from extract.lexicon import CATEGORIES

CASES = [
    ("Gunmen killed two people in the morning and killed another three later.", 5, None),
    ("Gunmen killed two people on Monday. Another three were killed on Tuesday.", 5, None),
    ("205 people were killed, including 12 children.", 205, None),
    ("At least 205 people were killed. The 205 dead included 12 children.", 205, None),
    ("Six gunmen and two hostages were killed.", 8, None),
    ("Militants killed 3 soldiers and 2 civilians and wounded 7.", 5, 7),
    ("A journalist was killed and his cameraman was wounded.", 1, 1),
    ("No one was hurt in the blast.", None, 0),
    ("Nobody was killed and nobody was hurt.", 0, 0),
    ("The police reported zero casualties.", 0, 0),
    ("Five casualties were reported.", None, None),  # killed and wounded together: neither total
    ("Dozens of people were killed.", None, None),  # vague: no total
    ("Fourteen of them had died of their injuries.", 14, None),
    ("Police said seven were killed, but villagers said 10 people were killed.", 10, None),
    ("A suicide bomber blew himself up at a checkpoint, killing five soldiers.", 5, None),
    ("A suicide bomber blew himself up, killing himself and five soldiers.", 6, None),
    ("Troops killed 29 militants. The militants had killed 23 civilians.", 23, None),
    ("The weather was fine.", None, None),
    ("The former mayor was killed along with his son when gunmen fired on his office.", 2, None),
    ("The attack killed the official in addition to four other members of his family.", 5, None),
    ("Police returned fire, killing the gunman. No other casualties were reported.", 1, 0),
    ("On Tuesday, in Ado, Besk, Karsova, a Karsova Liberation Front (KLF) commander, Ana Ruiz, and her "
     "bodyguard, Luis Mena, were killed and two civilians wounded.", 2, 2),
    ("At least three people, including two former rangers of the national park service and a former "
     "employee of the district administration office, were killed.", 3, None),
    ("Gunmen killed two guards and four others escaped.", 2, None),
    ("A small bomb went off at 3:43 a.m.  No one was reportedly injured.", None, 0),
    # a running total includes the figures that bring it there
    ("The ministry reported 45 new deaths, bringing the total to 1,320.", 45, None),
    ("Five more bodies were found, taking the death toll to at least 70.", 70, None),
    # the main event's dead, not the running total it brings ("killed_toll" holds that)
    ("Two more aid workers were killed, bringing the total since 2020 to 41.", 2, None),
    # another account of the same event restates its figures; it does not add to them
    ("Ten people were injured in the clashes. Another report said 12 others were injured.", None, 12),
    ("Gunmen killed 5 in Ado and 3 in Ife, bringing the toll this week to 40, and wounded 12.", 8, 12),
    ("Fighting has killed 264 people. At least 21 civilians were among those killed.", 264, None),
    ("Ana Ruiz, one of the best known reporters, was killed on Monday.", 1, None),
    ("A village chief, his wife and three sons have been shot dead.", 5, None),
    ("A mayor was killed on Friday with four others, including his wife.", 5, None),
    ("A suicide bomber detonated. In addition to the bomber, 21 people were killed.", 22, None),
    ("A suicide bomber detonated at a market. The assailant and 27 civilians were killed.", 28, None),
    ("Four suicide bombers detonated a truck. The four assailants were killed.", 4, None),
    # the attacker shot dead and the person with him are two ("the gunman and a passer-by" is not
    # one person), and "the gunman" ends before "while"
    ("A gunman opened fire on guards, who fired back, killing the gunman and a passer-by.", 2, None),
    ("Guards fired back, killing the attacker while a guard was injured.", 1, 1),
    ("Two women strapped with explosives blew themselves up, killing themselves and five other "
     "people.", 7, None),
    ("Six people, including two aides of the governor, Ana Ruiz, were killed by gunmen.", 6, None),
    ("At least 15 people, including a village chief were killed in two raids.", 15, None),
    ("Ten people, including two guards, were killed and 15 people, including six guards, were "
     "injured.", 10, 15),
    ("Gunmen killed a family of five in their home on Sunday.", 5, None),
    ("A riot killed a dozen prisoners and a visitor.", 13, None),
    ("A woman was burnt alive and raiders killed three other villagers.", 4, None),
    ("Gunmen shot dead an elderly couple at their farm.", 2, None),
    ("A car bomb killed a police chief known for raids on smugglers and three of his guards.", 4,
     None),
    ("The 35-year-old mother of four died in hospital.", 1, None),
    ("Gunmen killed a retired judge who had tried the 2009 killing of six farmers.", 1, None),
    ("A pastor was shot dead on Sunday, the second killing of a pastor this year.", 1, None),
    ("Raiders killed one man in Ado and two more in Ife. Earlier on Monday, they shot dead three "
     "herders.", 6, None),
    ("About 13 inmates of the city's main prison in Kano and one guard were believed to have "
     "been killed.", 14, None),
    ("At least nine formerly displaced people were killed and five others were wounded.", 9, 5),
    ("A mob hacked an elderly shopkeeper to death on Friday.", 1, None),
    ("Villagers said they had buried 31 people after the raid.", 31, None),
    ("Ten people were killed. In Ado, six died. In Ife, four more were killed.", 10, None),
    ("Two teenagers were killed on the 18th. Four more were killed on the 21st. On the 28th, "
     "another man was killed.", 7, None),
    ("Over 40 civilians were killed. A family of six had also been killed.", 46, None),
    ("About 10 soldiers who had been detained have been killed in an ambush.", 10, None),
    ("Opposition Party (OPP) leader Ana Ruiz and her brother were killed by a car bomb.", 2, None),
    ("At least 15 people were killed in two raids. Chief Ana Ruiz and three others were killed "
     "at a cattle camp. 11 others were killed in a second raid.", 15, None),
    ("At least 40 villagers in a border community under the local government area of the state "
     "were feared killed on Monday.", 40, None),
    ("At least 15 people, including two soldiers, and four contractors, were killed.", 15, None),
    ("Gunmen killed the son of a local councillor, and a woman who was with him.", 2, None),
    ("Gunmen killed a soldier in Kabul and a woman was wounded.", 1, 1),
    ("Three supporters of the ruling party and another from a rival party were killed.", 4,
     None),
    ("Police confirmed that a foreign couple seized at gunpoint have been killed, three days "
     "later.", 2, None),
    ("An elderly couple were found dead in their home.", 2, None),
    ("The soldiers were killed.", None, None),
    ("Gunmen kill village elder in northern town.", 1, None),  # a headline
    ("The shelling killed civilian and military personnel alike.", None, None),
    ("At least 59 bandits were killed by a civilian defence force.", 59, None),
    ("Rebels abducted three farmers and later killed them.", 3, None),
    ("Raiders dragged two men out of their homes and hacked them to death.", 2, None),
    ("Gunmen seized two trucks and burned them.", None, None),
    ("Gunmen threatened to kill them.", None, None),
    ("One boy was killed and one other child was wounded in the blast.", 1, 1),
    ("Two-dozen children were killed.", 24, None),
    ("Three gunmen opened fire. One of the gunmen was shot dead and a guard was killed.", 2,
     None),
    ("Ana Ruiz, the village head, and her husband were killed in the attack.", 2, None),
    ("Five soldiers and the gunman were killed.", 6, None),
    ("Twelve civilians, including eight minors were killed on the spot.", 12, None),
    ("Ruiz's wife and two sons were killed.", 3, None),
    ("A municipal counselor and four others, including two teenagers, were shot dead.", 5, None),
    ("Eight armed men kidnapped two farmers and later killed them.", 2, None),
    ("Eight assailants kidnapped Ana Ruiz and Luis Mena and later killed them.", None, None),
    ("The bombing was in retaliation for the killing of a teenager by police in 2013.", None,
     None),
    ("Police are investigating the killing of eight people at a spring.", 8, None),
    ("Assailants stabbed and beat to death Ana Ruiz, a shopkeeper.", 1, None),
    ("A bomb exploded at a market, killing at least 48 people wounding 77.", 48, 77),
    ("Thirty people were in critical condition after the attack.", None, 30),
    ("Soldiers killed five men, one of whom was beheaded, in the raid.", 5, None),
    ("Troops shot dead four protesters and wounded 232, 180 of them with live fire.", 4, 232),
    ("Two of the attackers were killed, but there were no casualties among the police.", 2, 0),
    ("One gunman was killed and four other people, including two tourists, a guide, and a "
     "driver, were injured.", 1, 4),
    ("Five policemen and the two hostages were killed.", 7, None),
    ("One farmer was killed. The group said the attack was to commemorate members involved in "
     "the killing of three settlers in 2014.", 1, None),
    ("Two bombers blew themselves up at a market, killing five people.", 5, None),
    ("Aside from the deaths of the two assailants, one guard was injured.", 2, 1),
    ("Seven civilians were killed. Four of them died in an air strike while the three others "
     "were killed by snipers.", 7, None),
    # attackers named again with "the" take the count they were first given
    ("Three gunmen stormed a bank in the market town. The gunmen and a cashier were killed when "
     "troops arrived.", 4, None),
    ("Two bombers drove a van at the gate. In addition to the bombers, six guards were killed.",
     8, None),
    ("Four hijackers seized the plane on Monday. There were no casualties other than the "
     "hijackers, who were shot by commandos.", 4, 0),
    ("Five attackers raided the post. The attackers were killed after a long siege.", 5, None),
    ("A lone gunman opened fire. The gunmen were killed.", 1, None),  # no count before: as read
    ("Two gunmen shot at a patrol. The gunmen and a shopkeeper were killed.", 3, None),
    # a person counted as a verb's object is not listed again before another category's count
    ("Guards returned fire, killing the gunman and four pilgrims were hurt.", 1, 4),
    ("Apart from the death of the driver, three passengers were injured.", 1, 3),
    ("Police shot dead the attacker and a constable was wounded by a stray bullet.", 1, 1),
]


@pytest.mark.parametrize("text,killed,wounded", CASES)
def test_totals(text, killed, wounded):
    totals = document_totals(text)
    assert (totals["killed"], totals["wounded"]) == (killed, wounded)


def test_totals_cover_every_category():
    totals = document_totals(
        "Shelling killed 4 and wounded 9; 300 people fled their homes, 12 are missing, "
        "police arrested 5 suspects, gunmen abducted 2 aid workers and surgeons performed "
        "7 operations."
    )
    # the incident's killed, wounded, arrested and abducted; a count of surgeries is a
    # toll, and the displaced and missing stocks
    assert {c: totals[c] for c in CATEGORIES} == {
        "killed": 4, "wounded": 9, "surgeries": None, "missing": None, "displaced": None,
        "detained": 5, "abducted": 2}
    assert {c: totals[c + "_toll"] for c in CATEGORIES} == {
        "killed": None, "wounded": None, "surgeries": 7, "missing": 12, "displaced": 300,
        "detained": None, "abducted": None}
    assert totals["killed_all_incidents"] == 4
