"""Unit tests of clean-data (a package so unittest discovery can import them)."""
