"""RDF: a report's extraction as triples of the gk: ontology, their terms, their Turtle, and their check by SHACL."""
