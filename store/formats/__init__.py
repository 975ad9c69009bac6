"""Import and export formats of the store, one module a format."""
