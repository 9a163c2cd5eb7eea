"""Analysis of Traditional-Chinese articles through a Simplified view.

The taxonomies (places, topics, units, event words, organisations) are written
in Simplified characters, so an article in Traditional characters is analysed
as its character-by-character Simplified view (`sitegen.chinese.script`).
Everything a reader sees quoted from the article (summary sentences, figures
as written, event clauses, place names, mention sentences) is then put back
in the article's own characters: the view has the same length as the
original, so a span found in one is the same span of the other. Keywords,
topics and entity names stay Simplified, so the same organisation or term
from a Simplified source is the same entity or term.
"""

from __future__ import annotations

from dataclasses import replace

from sitegen.chinese.script import SAMPLE_CHARS, is_traditional, to_simplified
from sitegen.model import Article, ArticleFacts, Entity, Event, Figure, SentenceRef


def _full_text(article: Article) -> str:
    return article.title + "\n" + article.text


def _opening(article: Article) -> str:
    """The title and as many paragraphs as the script check reads."""
    pieces, length = [article.title], len(article.title)
    for paragraph in article.paragraphs:
        if length >= SAMPLE_CHARS:
            break
        pieces.append(paragraph.text)
        length += len(paragraph.text) + 1
    return "\n".join(pieces)


def simplified_view(article: Article) -> Article | None:
    """The article in Simplified characters, or None when it already is."""
    if not is_traditional(_opening(article)):
        return None
    return replace(
        article,
        title=to_simplified(article.title),
        paragraphs=[replace(p, text=to_simplified(p.text)) for p in article.paragraphs],
        publisher=to_simplified(article.publisher) if article.publisher else article.publisher,
        sources=[replace(s, publisher=to_simplified(s.publisher) if s.publisher else s.publisher) for s in article.sources],
    )


class _Originals:
    """Maps a fragment of the view back to the same span of the original."""

    def __init__(self, original: Article, view: Article) -> None:
        self.original = _full_text(original)
        self.view = _full_text(view)

    def __call__(self, fragment: str) -> str:
        start = self.view.find(fragment) if fragment else -1
        return self.original[start : start + len(fragment)] if start >= 0 else fragment

    def ref(self, ref: SentenceRef | None) -> SentenceRef | None:
        return replace(ref, text=self(ref.text)) if ref is not None else None


def restore_quotes(facts: ArticleFacts, original: Article, view: Article) -> ArticleFacts:
    """`facts` of the view with every quoted span in the original's characters."""
    back = _Originals(original, view)
    return replace(
        facts,
        places=[replace(p, name=back(p.name)) for p in facts.places],
        summary=[back.ref(s) for s in facts.summary],
        ranked_sentences=[back.ref(s) for s in facts.ranked_sentences],
        figures=[_figure(f, back) for f in facts.figures],
        entities=[_entity(e, back) for e in facts.entities],
        events=[_event(e, back, original, view) for e in facts.events],
    )


def _figure(figure: Figure, back: _Originals) -> Figure:
    return replace(figure, text=back(figure.text), measure=back(figure.measure), sentence=back.ref(figure.sentence))


def _entity(entity: Entity, back: _Originals) -> Entity:
    return replace(entity, mentions=[back.ref(m) for m in entity.mentions])


def _event(event: Event, back: _Originals, original: Article, view: Article) -> Event:
    title = original.title if event.title == view.title else back(event.title)
    return replace(event, title=title, sentence=back.ref(event.sentence))
