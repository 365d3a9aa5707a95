"""The units registry: reading and importing the file, and the queries the pipeline needs."""
