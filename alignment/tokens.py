"""Secrets in addresses and headers (API tokens, calendar feeds): only their SHA-256 is
kept. Without salt that is enough: a token is 256 random bits, not a password."""

import hashlib
import secrets


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()
