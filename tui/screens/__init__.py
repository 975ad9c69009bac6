"""annotui screens."""
