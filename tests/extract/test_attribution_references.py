"""Sources named briefly after a first, full mention; and names that only look like an
agency of the table. (Every sentence here is written for these tests.)"""

import pytest

from extract import extract_figures
from extract.agencies import find_agencies


def agency_of(text, value, publisher="The Courier"):
    """The agency of the figure of that value."""
    (agency,) = {f.agency for f in extract_figures(text, publisher=publisher) if f.value == value}
    return agency


@pytest.mark.parametrize(
    "text,value,agency",
    [
        # the head noun of an organisation named before: "the directorate", "the league"
        ("The Korlan Regional Health Directorate said 14 people were killed on Monday. "
         "The directorate added that 40 people had been wounded.", 40,
         "Korlan Regional Health Directorate"),
        ("According to the Tessaly Veterinary Directorate, 12 people were killed. "
         "Nine were wounded in Opri, the directorate said.", 9, "Tessaly Veterinary Directorate"),
        ("The Brenn Civil Liberties League said 30 protesters had been killed. "
         "The league later said 210 people had been detained.", 210, "Brenn Civil Liberties League"),
        # a role of that organisation: "the head of the directorate", "the league's director"
        ("The Korlan Regional Health Directorate reported 14 deaths on Monday. "
         "The head of the directorate, Dr Amos Pell, said 45 people had been wounded.", 45,
         "Korlan Regional Health Directorate"),
        ("The Brenn Civil Liberties League disputed the official toll. "
         "The league's director, Hana Ost, said at least 19 people had been killed.", 19,
         "Brenn Civil Liberties League"),
        ("The Ostrava Miners' League held a vigil on Sunday. "
         "The league's spokesman said 8 miners were missing.", 8, "Ostrava Miners' League"),
        # the end of the full name: "the Regional Health Directorate"
        ("The Korlan Regional Health Directorate counted 14 deaths. "
         "The Regional Health Directorate says 6 children are among the dead.", 6,
         "Korlan Regional Health Directorate"),
        ("Rescuers from the Lindow Mountain Rescue Service arrived on Monday. "
         "The Mountain Rescue Service said 4 climbers were still missing.", 4,
         "Lindow Mountain Rescue Service"),
        ("The Pellan Coastal Guard Authority has opened an inquiry. "
         "The Coastal Guard Authority said 23 migrants had died.", 23,
         "Pellan Coastal Guard Authority"),
        # "Its spokesperson": the organisation named last
        ("The UN refugee agency called for calm. Its spokesperson, Ivo Rask, told reporters "
         "that 3,000 people had fled.", 3000, "United Nations High Commissioner for Refugees"),
        ("The Dunmore Children's Trust opened two shelters. Its director said 17 children had "
         "been injured.", 17, "Dunmore Children's Trust"),
        ("The World Health Organization sent medical supplies. Its spokesman said 52 people had "
         "been treated for wounds.", 52, "World Health Organization"),
        # an acronym that spells a body named before, and a role with a name after it
        ("The death toll rose to 88, the Federal Flood Relief Agency said. FFRA spokesman Omar "
         "Lis said 310 people had been injured.", 310, "Federal Flood Relief Agency"),
        ("The National Mine Action Centre said 3 deminers were killed. According to the NMAC, "
         "5 more were wounded.", 5, "National Mine Action Centre"),
        ("The Coastal Emergency Authority said 40 fishermen were missing. CEA official Rui Ma "
         "said 12 bodies had been recovered.", 12, "Coastal Emergency Authority"),
        # a title before a name, after the role was named: "Governor Ana Ruiz said"
        ("Gunmen killed 4 villagers overnight, the district governor said. Governor Lina Roos "
         "said 9 people had been wounded.", 9, "district governor"),
        ("The attack killed 6 people, the regional commander said. Commander Ivo Brak said 11 "
         "people had been kidnapped.", 11, "regional commander"),
        ("The storm killed 3 people, the town's mayor said. Mayor Odile Sarn said 70 families "
         "had lost their homes and 15 people were hurt.", 15, "town's mayor"),
        # a role named more fully before: "the district head" after "the head of X district"
        ("An air strike killed 7 people, the head of Lerin district said. The district head, "
         "Ari Vos, said 20 people had been wounded.", 20, "head of Lerin district"),
        ("The floods killed 5 people, the chief of Varna county said. The county chief "
         "said 60 people were missing.", 60, "chief of Varna county"),
        ("Twelve people died, the governor of Ossa province said. The province governor said 30 "
         "were wounded.", 30, "governor of Ossa province"),
    ],
)
def test_a_source_refers_back_to_one_named_before(text, value, agency):
    assert agency_of(text, value) == agency


@pytest.mark.parametrize(
    "text,value,agency",
    [
        # a national society of the Red Cross movement is not the ICRC
        ("The Velmar Red Cross said its volunteers recovered 14 bodies.", 14, "Velmar Red Cross"),
        ("The Ostland Red Crescent said 9 people were injured.", 9, "Ostland Red Crescent"),
        ("According to the Red Cross, 9 people were injured.", 9,
         "International Committee of the Red Cross"),
        # an armed group named with a force's common noun is not the state's army
        ("The Northern Dawn Army said it had killed 20 soldiers.", 20, "Northern Dawn Army"),
        ("The Free Hill Tribes Army said 6 of its fighters were killed.", 6,
         "Free Hill Tribes Army"),
        ("The Lowland Salvation Army said 11 of its men had been captured.", 11,
         "Lowland Salvation Army"),
        # a place or a nationality, or a word describing the state's force: the army, the police
        ("The Nigerian Army said 20 insurgents were killed.", 20, "Military"),
        ("The Afghan National Army said 8 soldiers were killed.", 8, "Military"),
        ("The Central Reserve Police said 3 officers were wounded.", 3, "unnamed: police"),
    ],
)
def test_a_name_before_a_common_name_makes_another_organisation(text, value, agency):
    assert agency_of(text, value) == agency


def test_the_movement_and_the_army_are_still_found():
    assert [m.agency.name for m in find_agencies("The army and the Red Cross arrived.")] == [
        "Military", "International Committee of the Red Cross"]
    assert find_agencies("The Velmar Red Cross and the Northern Dawn Army arrived.") == []


@pytest.mark.parametrize(
    "text,value,agency",
    [
        # a relative clause between the source and its verb
        ("The Brenn Civil Liberties League, which monitors the marches, said 19 protesters had "
         "been killed.", 19, "Brenn Civil Liberties League"),
        ("The Ostland Red Crescent, which runs two field clinics, said 45 people were wounded.",
         45, "Ostland Red Crescent"),
        ("The Tarvo Press Freedom Network, which tracks attacks on reporters, said 4 journalists "
         "had been detained.", 4, "Tarvo Press Freedom Network"),
        # a source that gives its figures in a list after a colon
        ("The Kessel Ministry of Defence gave its own figures for the army: 12 soldiers killed, "
         "40 wounded and 3 missing.", 40, "Ministry of Defence"),
        ("The interior ministry released new casualty figures on Friday: 30 police officers "
         "injured and 2 killed.", 30, "Ministry of Interior"),
        ("The Dunmore Children's Trust published its own tally: 17 children killed and 60 "
         "injured.", 60, "Dunmore Children's Trust"),
        # "put the figure at" states it
        ("The Ostland Red Crescent put the figure at 215 dead.", 215, "Ostland Red Crescent"),
        ("The Korlan Regional Health Directorate put the death toll at 36.", 36,
         "Korlan Regional Health Directorate"),
        ("Local officials put the number of dead at 14.", 14, "unnamed: officials"),
        # a source in lower case in a bracket that closes a bullet
        ("- 3 aid workers missing (humanitarian partners)", 3, "unnamed: partners"),
        ("- 40 people injured (local authorities).", 40, "unnamed: officials"),
        ("- 300 people displaced (site managers)\n- 2 schools damaged", 300, "site managers"),
        # ... but not an aside about the people counted
        ("- 12 killed (mostly civilians)", 12, "The Courier"),
        ("- 12 killed (most of them women)", 12, "The Courier"),
        ("12 people were killed (mostly farmers) near the dam.", 12, "The Courier"),
        # the title of a UN office after "UN" names that office, not the UN at large
        ("Three aid workers were killed near Opri, the UN humanitarian coordinator for Ostland, "
         "Ana Bell, said.", 3, "UN humanitarian coordinator"),
        ("UN resident coordinator Ivo Rask said 12 people died.", 12, "UN resident coordinator"),
        ("The UN special envoy said 40 people had been killed.", 40, "UN special envoy"),
        ("A UN spokesman said 40 people had been killed.", 40, "United Nations"),
    ],
)
def test_a_source_stated_in_other_ways(text, value, agency):
    assert agency_of(text, value) == agency
