"""Thin Prefect flows that wire the steps of tasks/ together."""

from flows.heartbeats import install

install()  # every flow run ends without waiting for a heartbeat thread's sleep
