"""sitegen: turn raw Chinese-language news sources into a static briefing site.

The pipeline is one-way and each stage is a subpackage:
read -> normalise -> analyse -> assemble -> render (see `sitegen.build`).
"""

__version__ = "0.1.0"
