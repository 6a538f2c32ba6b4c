"""Outputs: what a build leaves on disk (written atomically), its exports for other tools, and the page."""
