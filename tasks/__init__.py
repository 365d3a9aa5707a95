"""The work of the pipeline: plain typed functions, Prefect tasks where they are steps."""
