"""factcheck: find contradictions between news articles about the same event."""

__version__ = "0.1.0"
