"""ui wizard package."""
