"""Teaching figures drawn by the package (no downloaded images): one module per picture."""
