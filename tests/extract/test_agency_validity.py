"""What may be named as the source of a figure: an organisation, an official or a role,
never a fragment of a clause."""

from pathlib import Path

import pytest

from extract import extract_figures
from extract.__main__ import read_document
from extract.agencies import is_valid_agency

DATA = Path(__file__).resolve().parents[2] / "data"
CORPORA = ["sample", "reports", "reports_check"]  # (not the check set: nobody reads its output)


@pytest.mark.parametrize(
    "name",
    [
        "World Health Organization", "OCHA", "the ministry", "officials", "police",
        "the spokesman", "local officials", "a police spokesman", "witnesses",
        "Orsel Regional Hospital", "Dr Ivo Marek", "Kessler", "al-Rashidi",
        "district health officials", "the mayor of Besk", "security and medical sources",
        "regional governor Tomas Arvel", "a doctor at the district hospital",
        "the pro-government Radio Lumen", "Authorities in the eastern province",
        "the coalition fighting in the north", "a rescue worker and a resident",
    ],
)
def test_names_of_sources_are_valid(name):
    assert is_valid_agency(name)


@pytest.mark.parametrize(
    "name",
    [
        "", "  ", "2024", "in its latest", "hostilities continued to be", "estimates",
        "New", "Clashes between the army and the rebels", "including a United",
        "who witnessed the shelling", "based on a", "contrary to the",
        "gunmen opened fire on a", "the district council did not confirm",
        "residents posted videos", "killing two", "reports", "Preliminary figures",
        "information gathered", "Besk's long siege", "heavy shelling",
    ],
)
def test_fragments_of_clauses_are_not(name):
    assert not is_valid_agency(name)


def test_the_publisher_is_a_valid_source():
    assert is_valid_agency("tolvan24", publisher="tolvan24")


@pytest.mark.parametrize(
    "text,agency",
    [
        # a clause before the verb is no source: the publisher states the figure
        ("Hostilities continued to be reported across the district, with 14 people killed.",
         "The Daily"),
        ("- New arrivals reported: 300 people displaced from Besk.", "The Daily"),
        ("Clashes between the army and the rebels killed 9 civilians, reports said.", "The Daily"),
        # a document named as the source gives its author
        ("According to a statement from the district council, 7 people were killed.",
         "district council"),
        ("According to local media reports, 11 people were wounded.", "local media"),
        ("According to information obtained by Radio Lumen, 6 people died.", "Radio Lumen"),
        # a surname alone keeps its capital
        ("Twelve people were killed, Marek said.", "Marek"),
    ],
)
def test_an_invalid_candidate_falls_back(text, agency):
    (f,) = extract_figures(text, publisher="The Daily")
    assert f.agency == agency


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_agency_of_a_bundled_corpus_is_valid(corpus):
    read = 0
    for path in sorted((DATA / corpus).iterdir()):
        if path.suffix not in (".txt", ".md", ".html") or path.name == "README.md":
            continue
        doc = read_document(path)
        for f in extract_figures(doc.text, doc.published, doc.publisher):
            read += 1
            if f.attribution == "publisher":
                assert f.agency == f.publisher
            else:
                assert is_valid_agency(f.agency, f.publisher), (path.name, f.agency, f.sentence)
    assert read > 100


@pytest.mark.parametrize(
    "pattern,fragment",
    [
        # a span opening with a preposition, conjunction or relative word (source_not_first)
        ("opens with a function word", "across the northern districts"),
        ("opens with a function word", "whose relatives"),
        ("opens with a function word", "as the fighting spread"),
        # a span ending with an article or a preposition, cut mid-phrase (source_not_last)
        ("ends with an article or preposition", "the team working near the"),
        ("ends with an article or preposition", "aid convoys heading for"),
        # a span holding a verb: a clause, not a name (source_clause_verbs, "-ed" by shape)
        ("holds a verb", "militants stormed a checkpoint"),
        ("holds a verb", "the convoy was attacked"),
        ("holds a verb", "the blast tore through a"),
        ("holds a verb", "drones struck"),
        # a span opening with an "-ing" word: a participle's clause
        ("opens with a participle", "leaving dozens"),
        # a count, not a name
        ("holds a number", "12 wounded"),
    ],
)
def test_a_fragment_is_rejected_by_the_rule_of_its_pattern(pattern, fragment):
    assert not is_valid_agency(fragment), pattern


@pytest.mark.parametrize("name", ["unnamed: officials", "unnamed: officials and residents",
                                  "the head of the provincial council", "a member of the town council"])
def test_a_group_or_a_role_with_a_complement_is_valid(name):
    assert is_valid_agency(name)
