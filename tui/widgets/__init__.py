"""annotui widgets."""
