"""Accounts of the portal: local passwords (argon2), roles granted by administrators, acts."""
