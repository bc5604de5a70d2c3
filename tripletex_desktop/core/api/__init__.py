"""core api package."""
