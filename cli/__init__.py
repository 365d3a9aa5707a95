"""The `thidua` command line."""
