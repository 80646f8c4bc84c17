"""entramado: from news articles to a sourced, time-aware map of political networks."""

__version__ = "0.1.0"
