"""People and organisations in English text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.analyse.entities_en import english_organisations, english_people, title_organisation


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Singapore will invest S$1 billion, Deputy Prime Minister Lawrence Wong said on Wednesday.",
         ("Lawrence Wong", "Deputy Prime Minister")),
        ("Jensen Huang, chief executive of Nvidia, said demand was strong.", ("Jensen Huang", "chief executive of Nvidia")),
        ("\"We are ready,\" said Jane Tan, director of the Infocomm Media Development Authority.",
         ("Jane Tan", "director of the Infocomm Media Development Authority")),
        ("Nvidia CEO Jensen Huang told reporters in Taipei that supply would improve.", ("Jensen Huang", "Nvidia CEO")),
    ],
)
def test_a_person_quoted_with_a_title_is_found(sentence, person):
    assert english_people(sentence) == [person]


def test_capitalised_words_without_a_title_are_no_person():
    assert english_people("The plan covers Jurong, Singapore, and Johor Bahru, Malaysia, officials said.") == []


@pytest.mark.parametrize(
    ("title", "organisation"),
    [("director of the Infocomm Media Development Authority", "Infocomm Media Development Authority"),
     ("Nvidia CEO", "Nvidia"), ("Deputy Prime Minister", ""), ("Senior Vice President", ""), ("French President", ""),
     ("South Korean President", ""), ("Minister for Digital Development and Information", ""),
     ("Ambassador of France", ""), ("Secretary-General of the United Nations", "United Nations"),
     ("Secretary of the Energy Market Authority", "Energy Market Authority")],
)
def test_a_title_names_its_organisation(title, organisation):
    assert title_organisation(title) == organisation


def test_organisations_end_like_one():
    text = ("The plan includes a cluster at the National Supercomputing Centre. Alibaba Group and Tencent Holdings Ltd "
            "joined the Hong Kong University of Science and Technology.")
    assert english_organisations(text) == [
        "National Supercomputing Centre", "Alibaba Group", "Tencent Holdings Ltd",
        "Hong Kong University of Science and Technology",
    ]


@pytest.mark.parametrize(
    ("text", "organisations"),
    [
        ("Samsung opened its Research and Development Center in Seoul.", ["Research and Development Center"]),
        ("It rents space from the Hong Kong Science and Technology Parks Corporation.",
         ["Hong Kong Science and Technology Parks Corporation"]),
        ("Tencent and Peking University signed a deal.", ["Peking University"]),
        ("The University of Hong Kong and Nvidia Corp signed a deal.", ["University of Hong Kong", "Nvidia Corp"]),
    ],
)
def test_and_joins_fields_inside_a_name_but_not_two_names(text, organisations):
    assert english_organisations(text) == organisations


@given(st.text(alphabet=st.sampled_from(list("AaBbJjTt ,.-'said director of CEO Group Inc\n")), max_size=120))
def test_any_text_gives_names_found_in_it(text):
    for name, title in english_people(text):
        assert name in text and title
    for organisation in english_organisations(text):
        assert organisation in text
