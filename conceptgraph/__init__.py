"""conceptgraph: turn paper abstracts into an explorable, typed concept graph."""

__version__ = "0.1.0"
