"""Secret-leak and hostile-environment proofs."""
