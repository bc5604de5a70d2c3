"""Developer tools: translation build and checks."""
