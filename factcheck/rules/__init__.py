"""Rules: the offline extractor. Quantities from our number parser, quotes and reported speech
with speakers and channels from sentence rules; deterministic, no model, no network."""

from factcheck.rules.extractor import RuleExtractor, extract_quantities, make_rule_extractor
from factcheck.rules.quotes import extract_attributions

__all__ = ["RuleExtractor", "extract_attributions", "extract_quantities", "make_rule_extractor"]
