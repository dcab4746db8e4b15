"""lialia: an Arabic spell checker for the command line, CI and Python programs."""

from .checker import SpellChecker
from .findings import Finding, Severity, Suggestion

__all__ = ["Finding", "Severity", "SpellChecker", "Suggestion"]
__version__ = "0.1.0"
