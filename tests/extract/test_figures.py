"""Which numbers are casualty figures, of what, and which are not.

Each case is (text, [(category, value), ...]) in reading order. Development cases
were written with the patterns; those caught in the wild reproduce shapes met in
real news ledes (paraphrased, with other names and numbers).
"""

import pytest

from extract import document_totals, extract_figures


def found(text):
    return [(f.category, f.value) for f in extract_figures(text)]


DEVELOPMENT = [
    # active, passive and nominal
    ("Gunmen killed 14 civilians in a raid.", [("killed", 14)]),
    ("14 civilians were killed in a raid.", [("killed", 14)]),
    ("The death toll rose to 205.", [("killed", 205)]),
    ("The death toll rose from 10 to 25.", [("killed", 10), ("killed", 25)]),  # (10 superseded)
    ("There were 205 dead.", [("killed", 205)]),
    ("The clashes caused 205 deaths.", [("killed", 205)]),
    ("The raid resulted in 11 deaths and 20 injuries.", [("killed", 11), ("wounded", 20)]),
    ("Last year 300 people were killed.", [("killed", 300)]),
    ("Doctors reported 63 surgeries.", [("surgeries", 63)]),
    ("Nine people are missing.", [("missing", 9)]),
    ("More than 45,000 people have been displaced.", [("displaced", 45000)]),
    ("The number of people forced to flee has risen to 2 million.", [("displaced", 2000000)]),
    ("Police detained 150 protesters.", [("detained", 150)]),
    ("Gunmen abducted five aid workers.", [("abducted", 5)]),
    ("Six Turkish and Kenyan nationals were also wounded.", [("wounded", 6)]),
    ("One person was lightly wounded and arrested in the raid.", [("detained", 1), ("wounded", 1)]),
    ("Assailants shot and injured a Somali Armed Forces (SAF) soldier.", [("wounded", 1)]),
    ("The driver was killed and his passenger received minor injuries.", [("killed", 1), ("wounded", 1)]),
    ("The policemen and civilians received minor injuries.", []),  # a number of people, unknown
    ("Ana Pek, the chief of Camp Six, sustained critical injuries.", [("wounded", 1)]),  # not six
    # headlines in the present tense
    ("Gunmen abduct 30 pupils in raid on school", [("abducted", 30)]),
    ("Police fire tear gas, arrest 40", [("detained", 40)]),
    ("Floods displace 20,000 people", [("displaced", 20000)]),
    ("Besk attack toll hits 12", [("killed", 12)]),
    # coordinated and elliptical
    ("Gunmen killed six and wounded 19.", [("killed", 6), ("wounded", 19)]),
    ("At least 205 killed and more than 900 wounded.", [("killed", 205), ("wounded", 900)]),
    ("Teams handled 89 major and 63 minor surgeries.", [("surgeries", 89), ("surgeries", 63)]),
    ("Six gunmen and two hostages were killed.", [("killed", 6), ("killed", 2)]),
    ("The strike killed four patients and two nurses.", [("killed", 4), ("killed", 2)]),
    ("Three were killed and two injured.", [("killed", 3), ("wounded", 2)]),
    # implicit counts
    ("A journalist was killed in the attack.", [("killed", 1)]),
    ("His cameraman was wounded.", [("wounded", 1)]),
    ("No one was hurt in the blast.", [("wounded", 0)]),
    ("Nobody was killed.", [("killed", 0)]),
    ("Gunmen killed a policeman on Monday.", [("killed", 1)]),
    ("A couple of civilians were injured.", [("wounded", 2)]),
    # subsets are their own rows
    ("The attack killed 17 people, including five children.", [("killed", 17), ("killed", 5)]),
    ("The dead included 102 children and 87 women.", [("killed", 102), ("killed", 87)]),
    ("Of the 205 fatalities, 12 were children and 20 women.",
     [("killed", 205), ("killed", 12), ("killed", 20)]),
    ("Of those detained, three were journalists.", [("detained", 3)]),
    # qualifiers and vague amounts
    ("Dozens of people were killed.", [("killed", 24)]),
    ("Between 10 and 15 aid workers remain unaccounted for.", [("missing", 10)]),
    ("Some 2,000 patients have undergone surgery.", [("surgeries", 2000)]),
    # labels in lists and tables, and Markdown's emphasis
    ("Killed: 12\nWounded: 30\nDisplaced: 4,500\nDeaths (confirmed): 7",
     [("killed", 12), ("wounded", 30), ("displaced", 4500), ("killed", 7)]),
    ("| Category | Number |\n|---|---|\n| Killed | 12 |\n| Injured | 30 |",
     [("killed", 12), ("wounded", 30)]),
    ("- Injured – about 40\n- Missing: several dozen", [("wounded", 40), ("missing", 36)]),
    ("**12 people** were killed and *30* wounded in the attack.", [("killed", 12), ("wounded", 30)]),
]

NOT_FIGURES = [
    "The offensive aims to seize Tripoli.",  # places and things taken are not people
    "Israel displaced Palestinians from Besk.",  # a people, not a person
    "The court issued a warrant to arrest the general.",  # an aim, not an event
    "Rebels captured Mosul and seized the airport on Monday.",
    "Fighting erupted on April 5 and the offensive began on 4 April 2019.",  # dates
    "The group was founded in 2015 and has fought since 1998.",  # years
    "The attack began at 10:30 p.m. and ended at 5 a.m.",  # times
    "A 25-year-old man and a woman aged 34 were questioned.",  # ages
    "The appeal seeks $8.5 million and US$ 310 million.",  # money
    "Only 12 per cent of the plan is funded; 31% of hospitals work.",  # percentages
    "The camp lies 40 km north of the town, 25 miles from the border.",  # distances
    "It was the third attack this month and the 21st this year.",  # ordinals
    "Rebels destroyed three vehicles and 4 artillery pieces.",  # counts of things
    "Soldiers persuaded a Kidnap Kingpin to surrender.",  # after "a", a verb is a modifier
    "After the blast the three assailants fled the scene.",  # attackers who fled are not
    "A group of ten gunmen seized control of a train.",  # displaced, nor abducted
    "Some 1,200 households were displaced by the floods.",  # households and families are no
    "Gunmen attacked the village and displaced 700 families.",  # count of people
    "The council voted on resolution 2871; flight 302 was diverted.",  # identifiers
    "The bomb went off at 0830 near the market.",  # a time of day
    "A ceasefire could allow thousands to return home.",  # no category
    "The rebels threatened to kill 10 hostages.",  # a threat
    "Such strikes could kill thousands of people.",  # a hypothetical
    "The group said more than 40 people had been either killed or wounded.",  # both at once
    "Officials said that the 112 schools had closed.",  # closures, not casualties
]

CAUGHT_IN_THE_WILD = [
    # after a passive verb, or before a speech verb, a name is no object of the verb
    ("Nine people were wounded, Amnesty International said.", [("wounded", 9)]),
    ("Eleven were injured, another district official told reporters.", [("wounded", 11)]),
    ("A guard was killed, Ana Ruiz was wounded, and the car was burnt.",
     [("killed", 1), ("wounded", 1)]),
    ("Gunmen killed Ana Ruiz, police said.", [("killed", 1)]),
    ("The chief, who was abducted and killed a fortnight ago, was buried today.",
     [("killed", 1)]),  # "a fortnight" is a time, not a second person
    ("The blast killed two guards and damaged the hotel, including several shopping centres.",
     [("killed", 2)]),  # "including" things: no subset of people
    # a count before an adjective ("displaced people") or before a verb with its own object
    ("Five armed men on camels opened fire on formerly displaced people.", []),
    ("Ten men tried to burn a camp for internally displaced persons.", []),
    ("Two men on a motorcycle shot him and fled.", []),
    ("Two militants in a truck shot and killed imam Ana Ruiz.", [("killed", 1)]),
    ("At least nine formerly displaced people were killed.", [("killed", 9)]),
    ("Gunmen shot 41 civilians as they tried to reach positions held by the army.", []),
    # a clause opened by "if", "whether" or "that"; a thing is no person
    ("Officials were unsure whether any policeman was killed.", []),
    ("Six rebels were killed, but it was not known if their chief was killed too.",
     [("killed", 6)]),  # "if": no statement that he was
    ("It is unclear whether or not the victim was shot and killed or beaten to death.",
     [("killed", 1)]),
    ("The group said in a statement that the attack was executed by its fighters.", []),
    ("The officer was killed, and a woman in the car was wounded.", [("killed", 1), ("wounded", 1)]),
    ("During the kidnapping, the gunmen murdered a guard.", [("killed", 1)]),  # not "kidnapping,
    # the gunmen" as one abducted
    ("At least 32 people were killed and 68 wounded when two bombers struck a market on Monday.",
     [("killed", 32), ("wounded", 68)]),
    ("Police confirmed seven persons killed, although villagers said over 10 people were killed.",
     [("killed", 7), ("killed", 10)]),
    ("Seven people, six of them children, were killed on Saturday.", [("killed", 7)]),
    ("Eight displaced villagers, including four children, were killed by border guards.",
     [("killed", 8), ("killed", 4)]),
    ("A local mayor was shot dead outside his home.", [("killed", 1)]),
    ("Gunmen shot and killed all six members of a family.", [("killed", 6)]),
    ("A cult clash claimed 10 lives in the district.", [("killed", 10)]),
    ("The blast resulted in the death of 12 police personnel.", [("killed", 12)]),
    ("Unknown assailants murdered Kofi Mensah, a local official, near the market.",
     [("killed", 1)]),
    ("Boko Haram fighters killed nine farmers from a displaced persons camp.", [("killed", 9)]),
    ("A mortar attack killed four children and a woman.", [("killed", 4), ("killed", 1)]),
    ("Fourteen of them had died of their injuries.", [("killed", 14)]),
    ("A military spokesman said \"dozens\" of rebels had died.", [("killed", 24)]),
    ("A local reporter was shot dead at his home along with his partner.",
     [("killed", 1), ("killed", 1)]),
    ("A husband and wife were killed when a shell hit their home.", [("killed", 1), ("killed", 1)]),
    ("The body of a slain journalist was found in a canal.", [("killed", 1)]),
    ("An air strike killed 10 civilians and wounded at least another 15 in a market.",
     [("killed", 10), ("wounded", 15)]),
    ("Militants stormed the house of a tribal sheikh, killing him, his son and two guests.",
     [("killed", 1), ("killed", 1), ("killed", 2)]),
    ("A gunman on Sunday killed prominent local writer Ana Ruiz outside a court.", [("killed", 1)]),
    ("Eighteen people -- mostly women and children -- were killed on Tuesday.", [("killed", 18)]),
    ("No fewer than 29 persons, mainly women and children, were, yesterday, killed in an attack.",
     [("killed", 29)]),
    ("Six people were shot dead Friday at a house in the town.", [("killed", 6)]),
    ("Fighters decapitated two village leaders on Saturday.", [("killed", 2)]),
    ("Ana Ruiz, 28, a local leader, was shot dead on Friday.", [("killed", 1)]),
    ("Troops killed two assailants planting explosive devices near the road.", [("killed", 2)]),
    ("An airstrike killed the four assailants.", [("killed", 4)]),
    ("An assailant and a security official were injured in the attack.",
     [("wounded", 1), ("wounded", 1)]),
    ("Militants shot and killed one activist and wounded another in the area.",
     [("killed", 1), ("wounded", 1)]),
    ("An employee of the ministry was killed and his son injured when a bomb went off.",
     [("killed", 1), ("wounded", 1)]),
    ("Seven students were killed, and 30 other students and lecturers were wounded.",
     [("killed", 7), ("wounded", 30)]),
    ("Five people died in the blast and 39 others sustained various degrees of injuries.",
     [("killed", 5), ("wounded", 39)]),
    ("Three knife-wielding attackers have killed five people and injured ten others.",
     [("killed", 5), ("wounded", 10)]),
    ("Militants shot dead Lala Yadav and Lallu Yadav at the village.", [("killed", 1), ("killed", 1)]),
    ("The blast killed the district governor, Abdul Wahid, his two bodyguards and three civilians.",
     [("killed", 1), ("killed", 2), ("killed", 3)]),
    ("Gunmen wounded a police commander and killed his wife and son.",
     [("wounded", 1), ("killed", 1), ("killed", 1)]),
    ("A leading figure in the movement has reportedly been killed in the capital.", [("killed", 1)]),
    ("The total number of people killed in three days of violence has been put at 32.",
     [("killed", 32)]),
    ("Protests spread, leading to the death of, at least, seven people.", [("killed", 7)]),
    ("The assailants proceeded to kill three people in the house and injure another two.",
     [("killed", 3), ("wounded", 2)]),
    ("Gunmen fired on a former MP, killing his two security guards and one police officer.",
     [("killed", 2), ("killed", 1)]),
    ("Amalendu Patra (43), leader of the party, was shot dead by militants.", [("killed", 1)]),
    ("Gunmen shot and killed, Wisam Karim, a ministry employee.", [("killed", 1)]),
    ("Attackers slit the throats of four shepherds on a farm.", [("killed", 4)]),
    ("A local party branch chairman and his wife were shot dead at home.",
     [("killed", 1), ("killed", 1)]),
    ("A candidate was killed, alongside his driver, in a suicide attack.",
     [("killed", 1), ("killed", 1)]),
    ("Five people, four farmers and a trader, were on Friday night killed in the village.",
     [("killed", 5)]),
]


@pytest.mark.parametrize("text,expected", DEVELOPMENT + CAUGHT_IN_THE_WILD)
def test_figures(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text):
    assert found(text) == []


def test_subset_rows_are_marked_and_keep_their_subject():
    rows = extract_figures("The attack killed 17 people, including five children.")
    assert [(f.value, f.subset, f.subject) for f in rows] == [
        (17, False, "people"), (5, True, "children")
    ]


@pytest.mark.parametrize("text", [
    "Some 45,000 people remain internally displaced.",
    "45,000 people were newly displaced this week.",
])
def test_the_subject_is_the_counted_noun_without_its_verb(text):
    assert [(f.category, f.subject) for f in extract_figures(text)] == [("displaced", "people")]


@pytest.mark.parametrize("text,number_text", [
    ("Police said a man was killed in Besk.", "a man"),
    ("The mayor said on Sunday that journalist Ana Ruiz was shot dead.", "journalist Ana Ruiz"),
    ("Three days before the vote, a candidate was shot dead.", "a candidate"),
    ("Gunmen killed Ana Ruiz.", "Ana Ruiz"),  # a short sentence with a name is not title case
    ("A candidate for mayor in Los Olivos has died after being shot.", "A candidate for mayor in Los Olivos"),
    ("On Monday night, at 2100, a teacher was shot and killed outside his house.", "a teacher"),
    ("A mayor was ambushed while in police custody and killed on Friday.", "A mayor"),
    ("Gunmen raided the town, with the village chief killed at the market.", "the village chief"),
])
def test_a_single_person_is_the_noun_phrase_after_the_speech_verb(text, number_text):
    assert [(f.value, f.number_text) for f in extract_figures(text)] == [(1, number_text)]


def test_a_clause_set_at_another_time_is_another_event():
    text = "Gunmen killed an aid worker, a month after one of her colleagues was murdered."
    assert [(f.value, f.number_text) for f in extract_figures(text)] == [(1, "an aid worker")]
    text = "Five soldiers were killed on Monday, two weeks after 12 police were killed in Besk."
    assert document_totals(text)["killed"] == 5
    text = "He was killed the day after he was kidnapped."  # the same person: both figures
    assert [(f.category, f.value) for f in extract_figures(text)] == [("killed", 1), ("abducted", 1)]


def test_things_counted_before_a_death_are_not_the_dead():
    assert [(f.category, f.value) for f in extract_figures(
        "The deceased sustained two bullets and died on the spot.")] == []


def test_a_share_of_those_killed_is_a_subset():
    rows = extract_figures("At least 40 people were killed. At least two of those killed were police.")
    assert [(f.value, f.subset, f.subject) for f in rows] == [(40, False, "people"), (2, True, "")]
    assert document_totals("The protesters who died were not counted.")["killed"] is None


def test_parts_of_a_whole_named_first_are_subsets_with_their_subject():
    rows = extract_figures("Of the 12 people killed, nine were civilians and three police officers.")
    assert [(f.value, f.subset, f.subject) for f in rows] == [
        (12, False, "people"), (9, True, "civilians"), (3, True, "police officers")]
    assert document_totals("Of the 12 people killed, nine were civilians.")["killed"] == 12


def test_a_long_sentence_gives_a_person_whole_words_of_evidence():
    text = ("On Wednesday evening in the hill area near the market town of Besk, in the district of "
            "Orsel, in the northern province of Karsova, close to the border, a local party leader was "
            "kidnapped by gunmen.")
    (f,) = extract_figures(text)
    words = text.split()
    assert (f.category, f.value) == ("abducted", 1)
    assert f.number_text.split()[0] in words and f.number_text.endswith("party leader")


def test_a_person_without_a_known_noun_keeps_the_whole_phrase_as_evidence():
    (f,) = extract_figures("Gunmen shot and killed a cultural adviser to the parliament.")
    assert (f.value, f.number_text) == (1, "a cultural adviser")
    assert extract_figures("The fighting killed an unknown number of people.") == []


def test_a_person_after_including_is_a_subset():
    rows = extract_figures("Two were killed and three were wounded, including the mayor, who was hurt.")
    assert [(f.category, f.value, f.subset) for f in rows] == [
        ("killed", 2, False), ("wounded", 3, False), ("wounded", 1, True)]
    assert rows[-1].number_text == "the mayor"


def test_a_part_placed_among_a_counted_whole_is_a_subset():
    for text in ("The agency said 14 students were among the 40 people killed in the blast.",
                 "Among the 40 people killed in the blast were 14 students."):
        rows = extract_figures(text)
        assert sorted((f.value, f.subset, f.subject) for f in rows) == [
            (14, True, "students"), (40, False, "people")]
        assert document_totals(text)["killed"] == 40
    rows = extract_figures("Three nurses were among the 25 injured.")
    assert [(f.category, f.value, f.subset) for f in rows] == [("wounded", 3, True), ("wounded", 25, False)]


def test_qualifier_bounds_and_number_text():
    (f,) = extract_figures("More than 900 people were wounded.")
    assert (f.value, f.low, f.high, f.qualifier, f.number_text) == (900, 901, None, "more_than",
                                                                    "More than 900")
    (g,) = extract_figures("Dozens of people were killed.")
    assert (g.low, g.high, g.qualifier) == (24, 99, "vague")


def test_evidence_span_and_sentence_point_into_the_text():
    text = "Heavy fighting. At least 205 people have been killed, the WHO said. Calm returned."
    (f,) = extract_figures(text)
    assert text[f.start : f.end] == "At least 205"
    assert f.sentence == "At least 205 people have been killed, the WHO said."


@pytest.mark.parametrize("text", [
    "İZMIR: AT LEAST 12 PEOPLE WERE KILLED AND 30 WOUNDED, THE GOVERNOR SAID.",  # lowering "İ" adds a letter
    "In İzmir at least 12 people were killed and 30 wounded, the governor said.",
])
def test_evidence_spans_hold_whatever_the_letters_and_their_case(text):
    rows = extract_figures(text)
    assert [(f.category, f.value) for f in rows] == [("killed", 12), ("wounded", 30)]
    assert [text[f.start : f.end].lower() for f in rows] == ["at least 12", "30"]


@pytest.mark.parametrize("text", [
    "Gunmen killed a police officer and his driver near the market on Monday, officials said.",
    "Two suicide bombers killed 14 people and wounded 30 others at a checkpoint by the bridge.",
    "A journalist was shot dead by two men on a motorbike in the capital.",
    "Rebels abducted three aid workers and later killed them, the agency said.",
])
def test_capitals_and_title_case_give_the_same_figures(text):
    """Wire headlines and some feeds are in capitals: a capital letter marks no name there."""
    def rows(t: str) -> list[tuple]:
        return [(f.category, f.value, f.number_text.lower()) for f in extract_figures(t)]
    assert rows(text.upper()) == rows(text.title()) == rows(text) != []
    assert [f.number_text for f in extract_figures(text.upper())] == [
        f.number_text.upper() for f in extract_figures(text)]


def test_figure_ids_are_stable_and_distinct():
    text = "Gunmen killed six and wounded 19. Later 3 more were killed."
    first = [f.figure_id for f in extract_figures(text)]
    again = [f.figure_id for f in extract_figures(text, publisher="Other")]
    assert first == again
    assert len(set(first)) == len(first) == 3
    assert extract_figures(text)[0].doc_id == extract_figures(text + " ")[0].doc_id


def test_a_word_describing_a_counted_noun_is_no_figure_of_its_own():
    figures = extract_figures("Eight displaced Syrians, including four children, were killed.")
    assert sorted((f.category, f.value) for f in figures) == [("killed", 4), ("killed", 8)]


def test_them_takes_the_count_named_before_it():
    figures = extract_figures("Rebels abducted three farmers on Monday and later killed them.")
    assert sorted((f.category, f.value, f.number_text) for f in figures) == [
        ("abducted", 3, "three"), ("killed", 3, "three")]
    assert len({f.figure_id for f in figures}) == 2
