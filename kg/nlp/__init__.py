"""Words: jieba's segmentation and part-of-speech tags, realigned to the report's text and loaded on first use."""
