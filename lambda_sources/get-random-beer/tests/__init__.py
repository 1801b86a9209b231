"""Unit tests of get-random-beer (a package so unittest discovery can import them)."""
