"""Who may write: the ``Actor`` passed to every store write, and local accounts kept in the store.

Local accounts live in the store's ``users`` table (same backend as the sites) with an Argon2id hash
(argon2-cffi: salted, memory-hard). ``verify`` spends the same hashing work whether the name exists
or not, so a failed sign-in does not reveal which names exist. OIDC sign-in (``st.login``) maps an
e-mail address to a role with ``actor_from_oidc``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

if TYPE_CHECKING:
    from geo.store.base import SiteStoreBase

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


def _check_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", str(name)).strip()
    if not name or len(name) > 100 or any(ch.isspace() or not ch.isprintable() for ch in name):
        raise ValueError(f"user name {name!r} is not usable: 1-100 visible characters, no spaces")
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"role {role!r} is unknown: use one of {', '.join(ROLES)}")
    return role


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"password too short: use at least {MIN_PASSWORD_LENGTH} characters")
    return password


def add_user(store: SiteStoreBase, name: str, role: str, password: str) -> Actor:
    """Create a local account; ``ValueError`` if the name exists or name/role/password are unusable."""
    name, role = _check_name(name), _check_role(role)
    store.save_user(name, role, _HASHER.hash(_check_password(password)), create=True)
    return Actor(name, role)


def set_password(store: SiteStoreBase, name: str, password: str, role: str | None = None) -> None:
    """Replace the password (and optionally the role) of an existing account."""
    name = _check_name(name)
    row = store.user_record(name)
    if row is None:
        raise LookupError(f"no user '{name}': add it first (chiiki-map users add {name} --role editor)")
    store.save_user(name, _check_role(role or row["role"]), _HASHER.hash(_check_password(password)), create=False)


def verify(store: SiteStoreBase, name: str, password: str) -> Actor | None:
    """The ``Actor`` if ``password`` is right for ``name``, else None (same work for unknown names)."""
    try:
        row = store.user_record(_check_name(name))
    except ValueError:
        row = None
    try:
        _HASHER.verify(row["password_hash"] if row else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if _HASHER.check_needs_rehash(row["password_hash"]):
        store.save_user(row["name"], row["role"], _HASHER.hash(password), create=False)
    return Actor(row["name"], row["role"])


def actor_from_oidc(email_or_name: str, role_map: Mapping[str, str], default_role: str = "viewer") -> Actor:
    """Actor for an OIDC identity: ``role_map`` keys are exact addresses or ``@domain``; else ``default_role``.

    Example: ``{"lead@pref.kumamoto.lg.jp": "editor", "@meti.go.jp": "viewer"}``.
    """
    ident = str(email_or_name).strip()
    key = ident.casefold()
    domain = "@" + key.rsplit("@", 1)[1] if "@" in key else None
    lowered = {k.strip().casefold(): v for k, v in role_map.items()}
    role = lowered.get(key) or (lowered.get(domain) if domain else None) or default_role
    return Actor(ident, _check_role(role))
