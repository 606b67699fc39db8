"""Readers that turn results sources (toplists, complete championships) into Performance records."""
