"""lialia: an Arabic spell checker."""
