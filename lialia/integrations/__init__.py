"""Adapters that put lialia's engine behind other protocols (optional extras).

Each module here translates one protocol into :class:`lialia.checker.SpellChecker` calls
and :class:`lialia.findings.Finding` data; none re-implements tokenizing, checking or
ranking, and the engine does not know they exist.  Their third-party dependencies are
imported by them only, so ``import lialia`` never needs an extra.
"""
