"""Who may write: the ``Actor`` passed to every store write, and the rules for local accounts.

Account names, roles and passwords are checked here and passwords hashed with Argon2id (argon2-cffi:
salted, memory-hard); the accounts themselves are kept in the store (``geo.store.users``). OIDC
sign-in (``st.login``) maps an e-mail address to a role with ``actor_from_oidc``. Problems raise
``geo.errors.AccountError``. Nothing here imports the store.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from geo.errors import AccountError

#: Every role: ``admin`` manages accounts (from the app or ``chiiki-map users``) and also edits sites,
#: ``editor`` edits sites, ``viewer`` only reads. An admin includes the editor's rights because the
#: bureau's administrator is normally also the person who corrects sites; a separate site-editing
#: account for the same person would only be a second password to keep.
ROLES: tuple[str, ...] = ("editor", "viewer", "admin")
#: Roles that may change sites (and other shared data).
EDIT_ROLES: frozenset[str] = frozenset({"editor", "admin"})
#: The role that may create accounts, reset passwords, change roles and unlock accounts.
ADMIN_ROLE = "admin"
MIN_PASSWORD_LENGTH = 12
#: Most characters of a password (longer ones are refused before hashing).
MAX_PASSWORD_LENGTH = 1000
_HASHER = PasswordHasher()

#: Passwords people pick first (lower-case, NFKC): refused whatever their length. A small bundled list
#: (LGWAN terminals have no internet, and the rules below catch the patterns), not a strength estimator.
COMMON_PASSWORDS: frozenset[str] = frozenset(
    """
    password password1 password12 password123 password1234 password12345 passw0rd p@ssw0rd p@ssword
    passwordpassword mypassword password! password123! changeme changeme123 letmein letmein123 welcome
    welcome123 welcome1234 administrator admin123456 adminadmin admin1234567 rootroot qwerty qwertyuiop
    qwertyuiop123 qwerty123456 qwertyqwerty asdfghjkl asdfghjkl123 zxcvbnm zxcvbnm123 1qaz2wsx3edc
    1q2w3e4r5t6y 1q2w3e4r5t6y7u8i 123456789012 1234567890ab abc123456789 abcdefghijkl abcdef123456
    iloveyou123 iloveyou1234 sunshine1234 princess1234 football1234 baseball1234 dragon123456 monkey123456
    trustno1trustno1 superman1234 michael12345 shadow123456 master123456 chiikimirai chiiki-map
    chiikimap123 chiikimirai1 chiikimiraimap meti12345678 keizaisangyo keizaisangyousyou keizaisangyoushou
    kumamoto1234 tokyo1234567 japan1234567 nippon123456 sakura123456 hello1234567 helloworld123
    """.split()  # noqa: SIM905 - one list, easy to extend
)


@functools.cache
def _dummy_hash() -> str:
    """A hash for unknown names, made on first use (not at import: it costs ~0.1-0.4 s of every CLI start)."""
    return _HASHER.hash("chiiki-map: no such user")


@dataclass(frozen=True)
class Actor:
    """A signed-in person: ``name`` (recorded in the audit trail) and ``role`` (one of ``ROLES``).

    ``password_version`` is the account's password version when the person signed in with a local
    account (None for OIDC sign-ins); the store refuses writes once the account's password or role has
    changed since (the session must sign in again).
    """

    name: str
    role: str
    password_version: int | None = field(default=None, compare=False)

    @property
    def can_edit(self) -> bool:
        """True for editors and admins (the roles the store lets write)."""
        return self.role in EDIT_ROLES

    @property
    def can_admin(self) -> bool:
        """True for admins (the role the store lets manage accounts)."""
        return self.role == ADMIN_ROLE


def check_name(name: str) -> str:
    """The account name in its stored form (NFKC, stripped).

    Raises
    ------
    geo.errors.AccountError
        Empty, longer than 100 characters, or with spaces or invisible characters.
    """
    name = unicodedata.normalize("NFKC", str(name)).strip()
    if not name or len(name) > 100 or any(ch.isspace() or not ch.isprintable() for ch in name):
        raise AccountError("account_name_unusable", name=name)
    return name


def check_role(role: str) -> str:
    """``role`` if it is one of ``ROLES``, else ``geo.errors.AccountError``."""
    if role not in ROLES:
        raise AccountError("account_role_unknown", role=role, roles=", ".join(ROLES))
    return role


def check_password(password: str, name: str | None = None) -> str:
    """``password`` if the policy accepts it, else ``geo.errors.AccountError`` saying why.

    Policy: at least ``MIN_PASSWORD_LENGTH`` characters that are not white space, at most 1,000, not in
    ``COMMON_PASSWORDS``, not one character or a short pattern repeated, not the account name.
    """
    visible = "".join(password.split())
    key = unicodedata.normalize("NFKC", password).casefold().strip()
    if len(visible) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_too_short", least=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError("password_too_long", most=MAX_PASSWORD_LENGTH)
    repeated = any(len(key) % n == 0 and key == key[:n] * (len(key) // n) for n in range(1, 5))
    if key in COMMON_PASSWORDS or repeated or (name and unicodedata.normalize("NFKC", name).casefold() in key):
        raise AccountError("password_common")
    return password


def hash_password(password: str, name: str | None = None) -> str:
    """Argon2id hash of ``password`` after ``check_password`` (``geo.errors.AccountError`` if refused)."""
    return _HASHER.hash(check_password(password, name))


def password_matches(password_hash: str | None, password: str) -> bool:
    """True if ``password`` matches ``password_hash``; a None hash spends the same work and is False."""
    try:
        _HASHER.verify(_dummy_hash() if password_hash is None else password_hash, password)
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
