"""People and organisations named in English text (an English source, or an
English passage in a Chinese one).

English news introduces a person by title and name before a verb of saying
(`Deputy Prime Minister Lawrence Wong said`), or by name with the title after
a comma (`Jensen Huang, chief executive of Nvidia, said`, `said Jane Tan,
director of …`). Names are capitalised words, so the title words are what tell
a person from a place or a company. Organisations are found by the words their
names end in (`… Inc`, `… University`, `National Supercomputing Centre`).
"""

from __future__ import annotations

import re

# Job titles, longest first so `Deputy Prime Minister` wins over `Minister`.
TITLES = tuple(
    sorted(
        {
            "Prime Minister", "Deputy Prime Minister", "Minister", "Senior Minister", "Minister of State",
            "President", "Vice President", "Vice-President", "Chairman", "Chairwoman", "Chair", "Chief Executive",
            "Chief Executive Officer", "Chief Technology Officer", "Chief Operating Officer",
            "Chief Financial Officer", "Chief Scientist", "CEO", "CTO", "COO", "CFO", "Founder", "Co-founder",
            "Cofounder", "Director", "Managing Director", "Executive Director", "Director-General",
            "Secretary", "Secretary-General", "Permanent Secretary", "Mayor", "Governor", "Professor",
            "Dean", "Head", "Spokesperson", "Spokesman", "Spokeswoman", "Analyst", "Economist", "Scientist",
            "Researcher", "Partner", "General Manager", "Vice Chairman", "Senator", "Ambassador",
        },
        key=lambda title: (-len(title), title),
    )
)
SAYING = ("said", "says", "told", "added", "noted", "explained", "announced", "stressed", "warned")
ORG_ENDINGS = (
    "Inc", "Inc.", "Ltd", "Ltd.", "Limited", "Corp", "Corp.", "Corporation", "Co.", "Group", "Holdings",
    "University", "Institute", "Agency", "Authority", "Foundation", "Association", "Council", "Bank",
    "Centre", "Center", "Laboratory", "Laboratories", "Lab", "Labs", "Commission", "Ministry", "Academy",
)

_NAME = r"(?P<name>[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?: [A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?){1,2})"
# `French President`, `Chinese Premier`: a people's name before a title names a
# country's office, no organisation.
DEMONYMS = frozenset({
    "American", "Australian", "Brazilian", "British", "Canadian", "Chinese", "Dutch", "Egyptian", "Emirati",
    "European", "French", "German", "Indian", "Indonesian", "Israeli", "Italian", "Japanese", "Kenyan",
    "Korean", "Malaysian", "Mexican", "Nigerian", "Philippine", "Qatari", "Russian", "Saudi", "Singaporean",
    "South Korean", "Spanish", "Swedish", "Swiss", "Taiwanese", "Thai", "Turkish", "Vietnamese",
})
_TITLE_WORDS = "|".join(map(re.escape, TITLES))
_SAID = "|".join(SAYING)
# `Deputy Prime Minister Lawrence Wong said`, `Nvidia CEO Jensen Huang told`
_TITLE_NAME_SAID = re.compile(
    rf"(?P<title>(?:[A-Z][A-Za-z&.-]* ){{0,3}}(?i:{_TITLE_WORDS}))\s+{_NAME}(?:,[^,.]{{1,60}},)?\s+(?:{_SAID})\b"
)
# `Jensen Huang, chief executive of Nvidia, said`; `said Jane Tan, director of the agency.`
_NAME_COMMA_TITLE = re.compile(
    rf"(?<![A-Za-z]){_NAME},\s+"
    rf"(?P<title>(?:the\s+)?(?:[a-z]+\s+){{0,2}}(?i:{_TITLE_WORDS})(?:\s+(?:of|at|for)\s+[^,.;]{{2,60}})?)"
    rf"(?:,\s+(?:{_SAID})\b|[.;]|,)"
)
# Fields an organisation's name joins with `and` (`Research and Development
# Center`, `Science and Technology Parks Corporation`); `and` after any other
# word joins two names (`Tencent and Peking University`).
FIELDS = (
    "Arts", "Commerce", "Communications", "Culture", "Data", "Design", "Development", "Economic", "Economics",
    "Education", "Energy", "Engineering", "Environment", "Finance", "Health", "Industry", "Information",
    "Innovation", "Manufacturing", "Media", "Planning", "Research", "Science", "Sciences", "Security",
    "Technology", "Trade", "Transport",
)
_NAME_WORDS = rf"(?:(?:{'|'.join(FIELDS)})\s+and\s+|[A-Z][A-Za-z&'-]*\s+(?:of\s+|for\s+)?)"
_ENDING = rf"(?:{'|'.join(map(re.escape, ORG_ENDINGS))})"
# `… of the Republic of China`, `of Science and Technology`
_OF_TAIL = rf"\s+of\s+(?:the\s+)?(?:(?:{'|'.join(FIELDS)})\s+and\s+|[A-Z][A-Za-z]+\s+){{0,3}}[A-Z][A-Za-z]+"
# `Nvidia Corp`, `National University of Singapore`, and an ending word named by
# what follows it alone (`University of Hong Kong`, `Bank of China`).
_ORG = re.compile(
    rf"(?P<org>(?:the\s+)?(?:{_NAME_WORDS}{{1,5}}{_ENDING}(?:{_OF_TAIL})?|{_ENDING}{_OF_TAIL}))(?![A-Za-z])"
)
_LEADING_WORDS = re.compile(r"^(?:The|the|A|An|In|At|On|For|By|From|With|And|But|Officials?|Singapore's|China's)\s+")
_STOP_NAMES = frozenset({"The", "This", "That", "These", "Those", "It", "He", "She", "They", "We"})


def english_people(sentence: str) -> list[tuple[str, str]]:
    """(name, title) of each person the English sentence quotes with a title."""
    found: list[tuple[str, str]] = []
    for pattern in (_TITLE_NAME_SAID, _NAME_COMMA_TITLE):
        for match in pattern.finditer(sentence):
            name, title = match["name"], " ".join(match["title"].split())
            if name.split()[0] not in _STOP_NAMES and title.lower() not in ("the", "a") and name not in dict(found):
                found.append((name, _tidy_title(title)))
    return found


def english_organisations(text: str) -> list[str]:
    """Organisations whose English names end like one (`National Supercomputing
    Centre`, `Nvidia Corp`), without a leading article or sentence opener."""
    found: list[str] = []
    for match in _ORG.finditer(text):
        name = match["org"]
        while (stripped := _LEADING_WORDS.sub("", name)) != name:
            name = stripped
        if len(name.split()) >= 2 and name not in found:
            found.append(name)
    return found


def title_organisation(title: str) -> str:
    """The organisation an English title names: after `of`/`at` (`director of
    the Infocomm Media Development Authority`) or before the title word
    (`Nvidia CEO`); "" when it names none."""
    after = re.search(r"\b(?:of|at|for)\s+(?:the\s+)?(?P<org>[A-Z][^,.;]*)$", title)
    if after:
        office = _PORTFOLIO_TITLE.match(title) and not re.search(rf"\b{_ENDING}\b", after["org"])
        return "" if office else after["org"].strip()
    before = re.match(rf"(?P<org>(?:[A-Z][A-Za-z&.-]*\s+){{1,3}}?)(?i:{_TITLE_WORDS})$", title)
    org = before["org"].strip() if before else ""
    return "" if not org or org.lower() in _TITLE_WORD_SET or org in DEMONYMS else org


# `Minister for Digital Development and Information`, `Ambassador of France`: a
# government office's title names a portfolio or a country after `for`/`of`,
# no organisation, unless what follows ends like one (`Secretary of the Agency`).
_PORTFOLIO_TITLE = re.compile(
    r"^(?:(?:Senior|Deputy|Prime|Second|Acting|Foreign|Trade|Finance)\s+)*"
    r"(?:Minister|Secretary|Ambassador|Envoy|Senator|Commissioner)(?:\s+of\s+State)?\s+(?:for|of)\b",
    re.IGNORECASE,
)
_TITLE_WORD_SET = frozenset(word.lower() for title in TITLES for word in title.split())


def _tidy_title(title: str) -> str:
    return re.sub(r"^the\s+", "", title)


def has_latin_words(text: str) -> bool:
    """Whether the text holds a run of English words worth reading with these rules."""
    return bool(_ENGLISH_RUN.search(text))


_ENGLISH_RUN = re.compile(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+")
