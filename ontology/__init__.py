"""govkg's ontology as package data (``kg.ontology``): govkg.ttl, shapes.ttl, context.jsonld and the saved queries."""
