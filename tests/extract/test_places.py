"""Places: figures resolved with the offline gazetteer (extract/places.py, gazetteer.py).
Sentences of our own, about real places in many countries."""

from __future__ import annotations

import csv

import pytest

from extract import extract_figures
from extract.gazetteer import DATA, admin1_code, country_code, fold, gazetteer

# (text, title, category, value, country code, admin-1 code, precision)
PLACED = [
    ("TRIPOLI, May 3 (Wire) - Militia clashes in the Libyan capital killed 14 people overnight, "
     "medics said.", "", "killed", 14, "LBY", "LY-TB", 1),
    ("Gunmen killed 9 villagers in Gwoza, Borno State, on Sunday, police said.", "",
     "killed", 9, "NGA", "NG-BO", 1),
    ("A car bomb in Mogadishu wounded 23 people, the Somali police said.", "", "wounded", 23,
     "SOM", "SO-BN", 1),
    ("Shelling of Kharkiv killed 4 civilians, the regional governor said.", "", "killed", 4,
     "UKR", "UA-63", 1),
    ("Floods in Nangarhar province have killed 31 people, officials said.", "", "killed", 31,
     "AFG", "AF-NAN", 3),
    ("An airstrike near Idleb killed 6 people on Friday.", "", "killed", 6, "SYR", "SY-ID", 1),
    ("A building collapsed in the northern Lebanese city of Tripoli, killing 5 people.", "",
     "killed", 5, "LBN", "LB-AS", 1),
    ("Across Sudan, 2,000 people have been displaced by the fighting, the agency said.", "",
     "displaced", 2000, "SDN", "", 4),
    ("Rebels abducted 30 students in Kaduna, the state government said.", "", "abducted", 30,
     "NGA", "NG-KD", 1),
]


@pytest.mark.parametrize(("text", "title", "category", "value", "country", "admin1", "precision"),
                         PLACED)
def test_a_figure_is_placed_where_its_sentence_says(text, title, category, value, country,
                                                     admin1, precision):
    (f,) = [f for f in extract_figures(text, "2026-05-03", title=title)
            if f.category == category and f.value == value]
    assert (f.country_code, f.admin1_code, f.geo_precision) == (country, admin1, precision)
    assert f.lat is not None and f.lon is not None
    assert f.country == gazetteer().countries[country].name


def test_the_seed_article_resolves_to_tripoli_libya():
    # the seed's lede, in our words: a dateline, then a toll in "the capital" with no name
    text = ("TRIPOLI, April 18 (Reuters) - The death toll from the fighting around the "
            "capital has risen to 205, the World Health Organization said on Thursday, and "
            "913 people have been wounded.")
    figures = extract_figures(text, "2019-04-18")
    assert {(f.category, f.place_name, f.country, f.country_code) for f in figures} == {
        ("killed", "Tripoli", "Libya", "LBY"), ("wounded", "Tripoli", "Libya", "LBY")}


def test_a_town_in_two_countries_is_the_one_in_the_document_s_country():
    text = ("BEIRUT (Wire) - Lebanese rescuers said 3 people died when a house collapsed in "
            "Tripoli on Tuesday.\n\nLebanon's civil defence said the search was over.")
    (f,) = extract_figures(text, "2026-02-03")
    assert (f.country_code, f.admin1_code) == ("LBN", "LB-AS")


def test_a_figure_with_no_place_of_its_own_takes_the_headline_s():
    text = "Gunmen stormed a village at dawn and killed 12 people, residents said."
    (f,) = extract_figures(text, "2026-02-03", title="Twelve killed in Zamfara raid")
    assert (f.country_code, f.admin1_code, f.place) == ("NGA", "NG-ZA", "Zamfara")


def test_where_the_wounded_were_taken_is_not_where_they_were_hurt():
    text = ("A bomb in the market of Beledweyne wounded 15 people, who were taken to "
            "hospital in Mogadishu.")
    (f,) = extract_figures(text, "2026-02-03")
    assert f.admin1_code == "SO-HI"


def test_no_place_when_none_is_named():
    (f,) = extract_figures("Twelve people were killed, officials said.", "2026-02-03")
    assert (f.place, f.country_code, f.lat, f.geo_precision) == ("", "", None, None)


def test_acronyms_and_common_words_are_not_towns():
    (f,) = extract_figures("The UN said 40 people were killed in March.", "2026-04-03")
    assert f.country_code == ""


# a country named as an owner or modifier gives way to a finer place of its own
OWNER_OR_MODIFIER = [
    ("At least 24 fighters were killed in Yemen's Marib province on Thursday.",
     "YEM", "YE-MA", 3),
    ("Officials said 17 militants died in clashes with Somalia's forces in Lower Shabelle "
     "region.", "SOM", "SO-SH", 3),
    ("BAMENDA, Cameroon (Wire) - The Cameroon army killed 3 separatist fighters on "
     "Wednesday, a spokesman said.", "CMR", "CM-NW", 1),
]


@pytest.mark.parametrize(("text", "country", "admin1", "precision"), OWNER_OR_MODIFIER)
def test_an_incident_in_a_country_s_area_is_placed_in_that_area(text, country, admin1,
                                                                  precision):
    (f,) = extract_figures(text, "2026-05-03")
    assert (f.country_code, f.admin1_code, f.geo_precision) == (country, admin1, precision)


def test_a_toll_stated_for_a_country_stays_the_country_s():
    text = ("ANTAKYA, Turkey (Wire) - In Turkey, the earthquakes have killed more than 50,000 "
            "people, the disaster agency said.\n\nRescuers in Antakya pulled 2 survivors "
            "from the rubble.")
    (f,) = [f for f in extract_figures(text, "2026-03-03") if f.category == "killed"]
    assert (f.country_code, f.admin1_code, f.geo_precision) == ("TUR", "", 4)


def test_a_village_the_gazetteer_lacks_is_placed_in_the_area_named_around_it():
    text = ("Troops in Borno State said militants raided farms overnight. Gunmen killed 7 "
            "farmers in Kwamjilari on Sunday, residents said.")
    (f,) = extract_figures(text, "2026-05-03")
    assert (f.place, f.country_code, f.admin1_code, f.geo_precision) == (
        "Kwamjilari", "NGA", "NG-BO", 3)


@pytest.mark.parametrize(("name", "code"), [
    ("Myanmar (Burma)", "MMR"), ("Yemen (North Yemen)", "YEM"), ("DR Congo (Zaire)", "COD"),
    ("Kingdom of eSwatini (Swaziland)", "SWZ"), ("Syria", "SYR"), ("Turkey", "TUR")])
def test_other_datasets_country_names_have_iso_codes(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize(("name", "country", "code"), [
    ("Daraa governorate", "SYR", "SY-DR"), ("Deir ez Zor governorate", "SYR", "SY-DY"),
    ("Tigray state", "ETH", "ET-TI"), ("North-West region", "CMR", "CM-NW"),
    ("Negros Occidental province", "PHL", "PH-NEC"), ("Diyālá province", "IRQ", "IQ-DI"),
    ("Hilmand province", "AFG", "AF-HEL")])
def test_other_datasets_admin1_names_have_iso_codes(name, country, code):
    assert admin1_code(name, country) == code


def test_place_name_tables_name_known_places():
    g = gazetteer()
    with open(DATA / "place_names.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len({(r["name"], r["kind"]) for r in rows}) == len(rows), "a name repeats"
    for r in rows:
        assert r["kind"] in ("country", "demonym", "admin1", "town"), r
        if r["kind"] in ("country", "demonym"):
            assert r["code"] in g.countries, r
        else:
            assert g.named(r["code"], r["kind"]), r
    with open(DATA / "place_aliases.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            assert r["country_code"] in g.countries, r
            assert not r["admin1_code"] or r["admin1_code"] in g.admin1, r


@pytest.mark.parametrize(("name", "country", "code"), [
    # areas split or renamed since GeoNames named them: the Gaza Strip's governorates,
    # France's and Morocco's regions; and English names of local-language ISO areas
    ("Jabalia", "PSE", "PS-NGZ"), ("Khan Younis", "PSE", "PS-KYS"), ("Nuseirat", "PSE", "PS-DEB"),
    ("Strasbourg", "FRA", "FR-GES"), ("Munich", "DEU", "DE-BY"), ("Grozny", "RUS", "RU-CE"),
    ("Bukavu", "COD", "CD-SK"), ("Haifa", "ISR", "IL-HA"), ("Fes", "MAR", "MA-03")])
def test_towns_carry_their_iso_admin1(name, country, code):
    town = next(p for p in gazetteer().get(fold(name)) if p.country_code == country)
    assert town.admin1_code == code


def test_an_area_written_with_its_article_is_the_area_not_a_town_elsewhere():
    # "al-Jawf": the lower-case article is read, and Yemen's Jawf governorate is meant,
    # not a town of a like name in another governorate
    text = ("SANAA (Wire) - Houthi fighters stormed government positions in al-Jawf, and at "
            "least 9 soldiers were killed, a military official said.")
    (f,) = extract_figures(text, "2026-01-01")
    assert (f.place, f.country_code, f.admin1_code, f.geo_precision) == ("al-Jawf", "YEM", "YE-JA", 3)


def test_a_region_wider_than_a_country_places_nothing():
    (f,) = extract_figures("Some 2 million people are missing across Africa, the ICRC said.",
                           "2026-01-01")
    assert (f.place, f.country_code, f.geo_precision) == ("Africa", "", None)


@pytest.mark.parametrize("text", [
    "A researcher of Human Rights Watch said 40 people were killed in the crackdown.",
    "Fighters of the Northern Liberation Front said 12 of their comrades were killed.",
    "KEY FIGURES – At least 12 people were killed in clashes, the ministry said.",
])
def test_a_name_that_runs_on_into_another_name_is_no_place(text):
    # "Human" is an alternate name of Uman, "Liberation" a French village, "KEY" a US one
    (f,) = [f for f in extract_figures(text, "2026-01-01") if f.category == "killed"]
    assert (f.country_code, f.place_name) == ("", "")
