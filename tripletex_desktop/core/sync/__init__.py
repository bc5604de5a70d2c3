"""core sync package."""
