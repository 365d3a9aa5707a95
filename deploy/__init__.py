"""Deployment: the local stack, Prefect deployments and the production compose file."""
