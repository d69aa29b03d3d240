"""Document formats: the main text of a page keeps its paragraphs, lists and tables apart."""

from extract import extract_figures
from extract.formats import html_document, text_document

FLASH_UPDATE = """<html><head><title>Flash update 4</title></head><body><nav>Home | About</nav>
<article><h1>Flash update 4: Besk</h1>
<p>Shelling continued on Monday. Casualties reported by the Ministry of Health:</p>
<table><tr><th>Category</th><th>Number</th></tr><tr><td>Killed</td><td>12</td></tr>
<tr><td>Injured</td><td>30</td></tr></table>
<ul><li>4,500 people displaced (IOM, 3 May)</li><li>2 health facilities damaged</li></ul>
<p>UNICEF said <strong>five children</strong> were among the dead.</p></article>
<footer>Contact us</footer></body></html>"""


def test_page_with_a_table_and_a_list():
    doc = html_document(FLASH_UPDATE, "https://example.org/flash-4")
    assert "Contact us" not in doc.text and "Home | About" not in doc.text
    rows = extract_figures(doc.text, published="2024-05-05", publisher="OCHA")
    assert [(f.category, f.value, f.agency, f.attribution, f.subset) for f in rows] == [
        ("killed", 12, "Ministry of Health", "carried", False),
        ("wounded", 30, "Ministry of Health", "carried", False),
        ("displaced", 4500, "International Organization for Migration", "cited", False),
        ("killed", 5, "UNICEF", "said", True),
    ]


def test_front_matter_is_read_and_left_out_of_the_text():
    doc = text_document("---\ntitle: Update\npublisher: Radio Tolvan\npublished: 2024-05-05\n---\nFive died.")
    assert (doc.title, doc.publisher, doc.published, doc.text) == (
        "Update", "Radio Tolvan", "2024-05-05", "Five died.")
