"""Who may write: the ``Actor`` passed to every store write, and the rules for local accounts.

Account names, roles and passwords are checked here and passwords hashed with Argon2id (argon2-cffi:
salted, memory-hard); the accounts themselves are kept in the store (``geo.store.users``). OIDC
sign-in (``st.login``) maps an e-mail address to a role with ``actor_from_oidc``. Problems raise
``geo.errors.AccountError``. Nothing here imports the store.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from geo.errors import AccountError

ROLES: tuple[str, ...] = ("editor", "viewer")
MIN_PASSWORD_LENGTH = 8
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("chiiki-map: no such user")


@dataclass(frozen=True)
class Actor:
    """A signed-in person: ``name`` (recorded in the audit trail) and ``role`` (editor or viewer)."""

    name: str
    role: str

    @property
    def can_edit(self) -> bool:
        """True for editors (the only role the store lets write)."""
        return self.role == "editor"


def check_name(name: str) -> str:
    """The account name in its stored form (NFKC, stripped).

    Raises
    ------
    geo.errors.AccountError
        Empty, longer than 100 characters, or with spaces or invisible characters.
    """
    name = unicodedata.normalize("NFKC", str(name)).strip()
    if not name or len(name) > 100 or any(ch.isspace() or not ch.isprintable() for ch in name):
        raise AccountError(f"user name {name!r} is not usable: 1-100 visible characters, no spaces")
    return name


def check_role(role: str) -> str:
    """``role`` if it is one of ``ROLES``, else ``geo.errors.AccountError``."""
    if role not in ROLES:
        raise AccountError(f"role {role!r} is unknown: use one of {', '.join(ROLES)}")
    return role


def hash_password(password: str) -> str:
    """Argon2id hash of ``password``; ``geo.errors.AccountError`` if it is shorter than ``MIN_PASSWORD_LENGTH``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password too short: use at least {MIN_PASSWORD_LENGTH} characters")
    return _HASHER.hash(password)


def password_matches(password_hash: str | None, password: str) -> bool:
    """True if ``password`` matches ``password_hash``; a None hash spends the same work and is False."""
    try:
        _HASHER.verify(_DUMMY_HASH if password_hash is None else password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    """True if the hash was made with weaker parameters than the current ones."""
    return bool(_HASHER.check_needs_rehash(password_hash))


def actor_from_oidc(email_or_name: str, role_map: Mapping[str, str], default_role: str = "viewer") -> Actor:
    """Actor for an OIDC identity: ``role_map`` keys are exact addresses or ``@domain``; else ``default_role``.

    Example: ``{"lead@pref.kumamoto.lg.jp": "editor", "@meti.go.jp": "viewer"}``.
    """
    ident = str(email_or_name).strip()
    key = ident.casefold()
    domain = "@" + key.rsplit("@", 1)[1] if "@" in key else None
    lowered = {k.strip().casefold(): v for k, v in role_map.items()}
    role = lowered.get(key) or (lowered.get(domain) if domain else None) or default_role
    return Actor(ident, check_role(role))
