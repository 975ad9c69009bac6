"""The annotation model, pure edit operations and the spaCy pipeline (imported lazily)."""
