"""Property-based bad-input proofs (hypothesis)."""
