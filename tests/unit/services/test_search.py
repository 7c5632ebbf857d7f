"""The in-memory search index: words without accents or case, prefixes, every word must match, best first."""

from datetime import date

from domain.models import Document
from services.documents.search import SearchIndex, words


def doc(title, type_code="11502-2", author="", on=date(2026, 1, 1)):
    return Document(title, type_code, on, author=author)


def test_words_drop_accents_case_and_punctuation():
    assert words("Hémoglobine : 13,4 g/dL — Léo") == ["hemoglobine", "13", "4", "dl", "leo"]


def test_a_word_of_the_text_finds_the_document_and_a_prefix_too():
    index = SearchIndex()
    blood = doc("Bilan sanguin")
    index.add(blood, "Hémoglobine 13,4 g/dL ferritine normale")
    assert [d for d, _ in index.search("ferritine")] == [blood]
    assert [d for d, _ in index.search("HEMO")] == [blood]
    assert index.search("globine") == []  # a prefix, not any substring


def test_every_word_of_the_query_must_match():
    index = SearchIndex()
    index.add(doc("Radiographie du genou", "18748-4"), "")
    index.add(doc("Radiographie du thorax", "18748-4"), "")
    assert [d.title for d, _ in index.search("radio genou")] == ["Radiographie du genou"]


def test_the_title_counts_more_than_the_text_then_the_newest_comes_first():
    index = SearchIndex()
    in_text = doc("Compte rendu", "11488-4", on=date(2026, 5, 1))
    in_title = doc("Allergie pollen", "11488-4", on=date(2020, 5, 1))
    older_in_text = doc("Consultation", "11488-4", on=date(2021, 5, 1))
    index.add(in_text, "allergie au pollen de bouleau")
    index.add(in_title, "")
    index.add(older_in_text, "allergie")
    assert [d for d, _ in index.search("allergie")] == [in_title, in_text, older_in_text]


def test_the_type_is_found_by_its_english_name_and_its_code():
    index = SearchIndex()
    prescription = doc("Dr Lefèvre", "57833-6")
    index.add(prescription)
    assert [d for d, _ in index.search("prescription")] == [prescription]
    assert [d for d, _ in index.search("57833")] == [prescription]


def test_the_author_is_searched():
    index = SearchIndex()
    report = doc("Compte rendu", author="Clinique du Parc, Lyon")
    index.add(report)
    assert [d for d, _ in index.search("parc")] == [report]


def test_a_removed_document_is_no_longer_found_and_a_replaced_one_keeps_its_words():
    index = SearchIndex()
    report = doc("Echographie")
    index.add(report, "foie normal")
    index.replace(Document("Echographie", "11502-2", date(2026, 1, 1), masked=True, id=report.id))
    assert index.search("foie")[0][0].masked
    index.remove(report.id)
    assert index.search("foie") == [] and index.search("echographie") == []


def test_an_empty_query_finds_nothing():
    index = SearchIndex()
    index.add(doc("Bilan"))
    assert index.search("  ") == [] and index.search("?!") == []
