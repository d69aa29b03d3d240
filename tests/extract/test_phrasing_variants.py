"""Phrasings that read a figure the same way as their common form: a person with a phrase
after them paired with "his/her" someone, a body of people ("personnel") named without a
count, and "many as" with its first "as" left out."""

from __future__ import annotations

import pytest

from extract.totals import document_totals


@pytest.mark.parametrize(("text", "killed"), [
    # pairs: the first person may carry a phrase before "and his/her ..."
    ("A district elder from the hill villages and his wife were killed in the raid.", 2),
    ("The head of the local court and her bodyguard were shot dead on Tuesday.", 2),
    ("An engineer working for the water board and his son had been killed by the blast.", 2),
    ("A farmer in the next valley and his nephew were killed overnight.", 2),
    # without a phrase, as before
    ("A shepherd and his brother were killed near the border.", 2),
])
def test_pair_with_a_phrase_after_the_first_person(text, killed):
    assert document_totals(text)["killed"] == killed


@pytest.mark.parametrize(("text", "wounded"), [
    ("Rebels said a miner and his cousin were wounded.", 2),  # the speaker is no one
])
def test_a_speaker_is_not_paired(text, wounded):
    assert document_totals(text)["wounded"] == wounded


@pytest.mark.parametrize(("text", "killed"), [
    # "personnel" with no count names a body of people and adds no one
    ("The rocket attack killed 12 villagers and security personnel near the dam.", 12),
    ("Shelling killed at least 8 traders and personnel of the market authority.", 8),
    ("The ambush killed nine drivers and security personnel escorting the trucks.", 9),
    # with "a", one person, as before
    ("Gunmen killed four farmers and a security personnel at the checkpoint.", 5),
    # a singular noun listed bare still counts one
    ("The blast killed his wife and son.", 2),
])
def test_personnel_without_a_count_adds_no_one(text, killed):
    assert document_totals(text)["killed"] == killed


@pytest.mark.parametrize(("text", "killed"), [
    ("Raiders killed many as 30 herders in the dry season attack.", 30),
    ("Officials fear that many as 120 people died in the landslide of mud.", 120),
    ("The militia killed many as 18 fishermen on the lake shore.", 18),
    ("As many as 40 were killed on Sunday.", 40),  # the full phrase, as before
])
def test_many_as_without_its_first_as(text, killed):
    assert document_totals(text)["killed"] == killed


@pytest.mark.parametrize(("text", "killed"), [
    # a part of the attackers "also" killed counts on top of the victims
    ("Five guards were killed at the gate. Two of the gunmen were also killed.", 7),
    ("Three villagers died in the raid, and one of the assailants was also killed.", 4),
    ("Eight pilgrims were killed on the road. Three of the attackers were also shot dead.", 11),
    # a part of the dead stays a part
    ("Ten people died. Two of the gunmen were also among the dead.", 10),
    ("Ten people were killed, including two of the attackers.", 10),
])
def test_attackers_also_killed_count_on_top(text, killed):
    assert document_totals(text)["killed"] == killed


@pytest.mark.parametrize(("text", "category", "value"), [
    # "as well as" lists counts as "and" does
    ("The shell wounded nine pupils as well as three teachers.", "wounded", 12),
    ("Gunmen killed 5 miners, as well as 2 guards, at the pit.", "killed", 7),
    ("Three nurses as well as two patients were hurt in the fire.", "wounded", 5),
    ("Raiders killed a herder and wounded four others as well as two boys.", "wounded", 6),
])
def test_as_well_as_lists_counts(text, category, value):
    assert document_totals(text)[category] == value


@pytest.mark.parametrize(("text", "wounded"), [
    # one person, with "of" a name or a name in apposition, listed before a count
    ("The nephew of Omar Bakri and four guards were wounded in the blast.", 5),
    ("The mayor, Luisa Ferrand, and three aides were wounded when the car was hit.", 4),
    ("On Friday, the driver of Pedro Alves and two passengers were hurt.", 3),
    ("Teodor Vasic, a local judge, and two clerks were injured by the parcel.", 3),
    # an apposition to a verb's object is not a person listed before the count
    ("The shell killed Amir, the cousin of Farid and 9 people were injured.", 9),
])
def test_one_person_with_a_name_before_a_count(text, wounded):
    assert document_totals(text)["wounded"] == wounded


@pytest.mark.parametrize(("text", "killed"), [
    # a fronted place of several comma-separated names, each up to four words
    ("On Friday, in Dera village of Tank, North West Frontier Province, Pakistan, a tribal "
     "elder and his son were killed.", 2),
    ("In the Karrada district, Baghdad, Baghdad Province, Iraq, a shopkeeper and his brother "
     "were shot dead.", 2),
    ("Near Kismayo, Lower Juba Region, Somalia, a teacher and his wife were killed.", 2),
])
def test_pair_after_a_long_fronted_place(text, killed):
    assert document_totals(text)["killed"] == killed


@pytest.mark.parametrize(("text", "killed"), [
    # one person, then "his/her/their" count: the person adds to the count
    ("The preacher, his two brothers and a cousin were killed at the shrine.", 4),
    ("Mariam Osei and her three daughters were killed when the roof fell.", 4),
    ("The ferry captain and his 4 crewmen were drowned and found dead on the shore.", 5),
    # a speaker before "his" is no one counted
    ("Yusuf Adeyemi said his two nephews were killed.", 2),
])
def test_one_person_before_a_possessive_count(text, killed):
    assert document_totals(text)["killed"] == killed
