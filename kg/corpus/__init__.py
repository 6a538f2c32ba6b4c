"""Corpus: many reports built as one graph, each report's part made by parallel workers and kept between builds."""
