"""Fairness: voluntary self-identification, adverse impact and the validity loop."""
