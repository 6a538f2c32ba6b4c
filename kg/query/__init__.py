"""Query: a build loaded into a SPARQL store (Oxigraph), the saved queries, and the read-only endpoint."""
