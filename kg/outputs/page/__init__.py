"""The page: ``graph.html``, an interactive view of a build that works offline."""
