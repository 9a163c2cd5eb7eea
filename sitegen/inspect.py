"""`sitegen inspect FILE`: what the pipeline reads and extracts from one source.

When an article lands in the wrong region or topic, the author needs to see why
without building the site and reading HTML. This runs the same stages as a build
(read -> normalise -> analyse) on one file and prints every fact with the
paragraph it came from.

Keywords and topics are weighted by IDF over a corpus. When the file is one of
the site's sources, IDF counts the site's other sources too, so the keywords and
topics shown are the ones the built site gets; a file from elsewhere is measured
against the site's sources in the same way. Only the term counts of the other
sources are computed, not their full analysis.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from sitegen.analyse.article import analyse_article, publishers
from sitegen.analyse.corpus import apply_corpus
from sitegen.analyse.keywords import content_tokens, dictionary_knows, term_counts
from sitegen.analyse.places import declared_region
from sitegen.analyse.tokens import make_tokenizer, tokenize_article
from sitegen.chinese.sentences import split_sentences
from sitegen.config import Settings
from sitegen.model import (
    AnalysedArticle,
    Article,
    ArticleFacts,
    DateSpan,
    Diagnostic,
    SentenceRef,
    Source,
)
from sitegen.normalise import normalise_sources
from sitegen.read import find_source_files, read_source
from sitegen.taxonomy import Taxonomy, load_taxonomy

EXCERPT = 60  # characters of a sentence shown where the whole is not needed


def inspect_source(path: Path, settings: Settings) -> str:
    """A readable report of one source: how it was read, its articles and their facts."""
    taxonomy = load_taxonomy(settings.taxonomy_dir)
    source = read_source(path, root=settings.root, max_bytes=settings.max_source_bytes)
    if isinstance(source, Diagnostic):
        return f"{source}\nnothing could be read from this source."
    articles, diagnostics = normalise_sources([source])
    others = _other_articles(path, settings)
    analysed = _analyse(articles, others, taxonomy, settings.summary_chars)
    lines = _source_lines(source, [*source.diagnostics, *diagnostics])
    lines.append(f"IDF corpus: {len(articles)} article(s) of this source + {len(others)} of the site's other sources")
    for number, item in enumerate(analysed, 1):
        lines.append("")
        lines.extend(_article_lines(item, number, len(analysed), taxonomy))
    return "\n".join(lines)


def _other_articles(path: Path, settings: Settings) -> list[Article]:
    """Articles of every other readable source of the site, for IDF only."""
    target = path.resolve()
    sources: list[Source] = []
    if settings.source_dir.is_dir():
        for other in find_source_files(settings.source_dir):
            if other.resolve() == target:
                continue
            result = read_source(other, root=settings.root, max_bytes=settings.max_source_bytes)
            if isinstance(result, Source):
                sources.append(result)
    return normalise_sources(sources)[0]


def _analyse(
    articles: list[Article], others: list[Article], taxonomy: Taxonomy, summary_chars: int
) -> list[AnalysedArticle]:
    """The build's analysis of `articles`, with `others` counted in the corpus IDF."""
    tokenizer = make_tokenizer(taxonomy)
    facts = [
        analyse_article(a, tokenize_article(a, tokenizer), taxonomy, tokenizer, summary_chars)
        for a in articles
    ]
    knows = dictionary_knows(tokenizer)
    other_counts = [
        term_counts(content_tokens(o, tokenize_article(o, tokenizer)), taxonomy.stopwords, knows, publishers(o))
        for o in others
    ]
    return [AnalysedArticle(a, f) for a, f in zip(articles, apply_corpus(facts, taxonomy, other_counts))]


# --------------------------------------------------------------------------- formatting


def _source_lines(source: Source, diagnostics: list[Diagnostic]) -> list[str]:
    blocks = Counter(block.kind for block in source.blocks)
    lines = [
        source.path,
        f"format: {source.format}   encoding: {source.encoding}   {len(source.text)} characters",
        f"blocks: {_counts(blocks)}",
        f"sha256: {source.digest}",
    ]
    if source.meta:
        lines.append("metadata: " + ", ".join(f"{k}={v}" for k, v in sorted(source.meta.items())))
    lines.extend(f"warning: {d}" for d in diagnostics)
    return lines


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{kind} {count}" for kind, count in sorted(counter.items()))


def _date(span: DateSpan | None) -> str:
    if span is None:
        return "unknown"
    approximate = ", approximate" if span.approximate else ""
    words = f' from "{span.text}"' if span.text else ""
    return f"{span.iso()} ({span.precision}{approximate}){words}"


def _quote(ref: SentenceRef, whole: bool = True) -> str:
    text = ref.text if whole or len(ref.text) <= EXCERPT else ref.text[:EXCERPT] + "…"
    return f"[{ref.paragraph}] {text}"


def _region(region_id: str | None, taxonomy: Taxonomy) -> str:
    if region_id is None:
        return "none"
    chain = [region_id, *taxonomy.ancestors(region_id)]
    return " < ".join(taxonomy.regions[r].name if r in taxonomy.regions else r for r in chain)


def _article_lines(item: AnalysedArticle, number: int, total: int, taxonomy: Taxonomy) -> list[str]:
    article, facts = item.article, item.facts
    kinds = Counter(p.kind for p in article.paragraphs)
    lines = [
        f"Article {number}/{total}: {article.title}",
        f"  slug: {article.slug}",
        f"  publisher: {article.publisher or 'unknown'}",
        f"  published: {_date(article.published)}",
    ]
    if article.authors:
        lines.append(f"  authors: {'、'.join(article.authors)}")
    if article.tags:
        lines.append(f"  tags: {', '.join(article.tags)}")
    for ref in article.sources:
        publisher = f" {ref.publisher}" if ref.publisher else ""
        lines.append(f"  source: {ref.path}:{ref.line}{publisher}, published {_date(ref.published)}")
    lines.append(f"  paragraphs: {len(article.paragraphs)} ({_counts(kinds)})")
    lines.extend(_place_lines(article, facts, taxonomy))
    lines.extend(_topic_lines(facts, taxonomy))
    lines.append(f"  keywords: {', '.join(facts.keywords) or 'none'}")
    lines.append("  summary:")
    lines.extend(f"    {ref.score:.2f} {_quote(ref)}" for ref in facts.summary)
    lines.extend(_figure_lines(facts))
    lines.extend(_entity_lines(facts))
    lines.extend(_event_lines(facts, taxonomy))
    return lines


def _place_lines(article: Article, facts: ArticleFacts, taxonomy: Taxonomy) -> list[str]:
    lines = [f"  primary region: {_region(facts.primary_region, taxonomy)}"]
    if facts.primary_region and facts.primary_region == declared_region(article.regions, taxonomy):
        lines.append(f"    why: the source's metadata says so ({', '.join(article.regions)})")
    primary = [p for p in facts.places if p.region == facts.primary_region]
    if facts.primary_region and article.title and any(p.name in article.title for p in primary):
        lines.append("    why: named in the title")
    region = taxonomy.regions.get(facts.primary_region or "")
    for place in primary:
        names = {place.name, *((region.name, *region.aliases) if region else ())}
        lines.append(f"    why: {place.name} ×{place.count} in {', '.join(place.paragraphs) or 'the title'}")
        lines.extend(f"      {_quote(ref, whole=False)}" for ref in _naming(article, names, place.paragraphs))
    others = [p for p in facts.places if p.region != facts.primary_region]
    mentioned = ", ".join(f"{p.name} ({p.region}) ×{p.count}" for p in others)
    lines.append(f"  mentioned places: {mentioned or 'none'}")
    lines.append(f"  place candidates (not in the gazetteer): {', '.join(facts.place_candidates) or 'none'}")
    return lines


def _naming(article: Article, names: set[str], anchors: Iterable[str], limit: int = 3) -> list[SentenceRef]:
    """The first sentences that name a place (by any of its names), as evidence for the reader."""
    wanted = set(anchors)
    found: list[SentenceRef] = []
    for paragraph in article.paragraphs:
        if paragraph.anchor not in wanted:
            continue
        for sentence in split_sentences(paragraph.text):
            if any(name in sentence for name in names) and len(found) < limit:
                found.append(SentenceRef(sentence, article.slug, paragraph.anchor))
    return found


def _topic_lines(facts: ArticleFacts, taxonomy: Taxonomy) -> list[str]:
    if not facts.topics:
        return ["  topics: none above the threshold"]
    lines = ["  topics:"]
    for score in facts.topics:
        topic = taxonomy.topics.get(score.topic)
        label = f"{topic.name} / {topic.name_en}" if topic else score.topic
        declared = ", named by the source's metadata" if score.topic in facts.declared_topics else ""
        lines.append(f"    {score.score:.3f} {score.topic} ({label}){declared}")
    return lines


def _figure_lines(facts: ArticleFacts) -> list[str]:
    lines = [f"  figures: {len(facts.figures) or 'none'}"]
    for figure in facts.figures:
        bound = f" [{figure.qualifier}]" if figure.qualifier else ""
        where = f" {_quote(figure.sentence, whole=False)}" if figure.sentence else ""
        lines.append(f"    {figure.text} = {figure.value:g} {figure.unit}{bound}: {figure.measure or '?'}{where}")
    return lines


def _entity_lines(facts: ArticleFacts) -> list[str]:
    lines = [f"  people and organisations: {len(facts.entities) or 'none'}"]
    for entity in facts.entities:
        about = "; ".join(entity.titles)
        if entity.organisations:
            about += f" (organisations: {', '.join(entity.organisations)})"
        where = ", ".join(dict.fromkeys(m.paragraph for m in entity.mentions))
        lines.append(f"    {entity.kind} {entity.name}{' — ' + about if about else ''} in {where}")
    return lines


def _event_lines(facts: ArticleFacts, taxonomy: Taxonomy) -> list[str]:
    lines = [f"  events: {len(facts.events) or 'none'}"]
    for event in facts.events:
        where = taxonomy.regions[event.region].name if event.region in taxonomy.regions else "no region"
        source = f" {_quote(event.sentence, whole=False)}" if event.sentence else ""
        lines.append(f"    {event.kind} {_date(event.when)} @ {where}: {event.title}{source}")
    return lines
