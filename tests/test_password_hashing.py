"""The app hashes passwords with Argon2id at RFC 9106's second recommended setting (argon2-cffi's default:
3 passes over 64 MiB, 4 lanes), although the other tests run with a cheap hasher (``tests/conftest.py``)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from geo import accounts


def test_the_app_hashes_with_the_rfc_9106_low_memory_setting(production_hasher: PasswordHasher) -> None:
    assert (production_hasher.time_cost, production_hasher.memory_cost, production_hasher.parallelism) == (
        3,
        64 * 1024,
        4,
    )
    assert production_hasher.type.name == "ID"


def test_a_real_hash_verifies_and_a_weaker_one_needs_rehashing(
    production_hasher: PasswordHasher, monkeypatch: pytest.MonkeyPatch
) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("river stone lantern")
    monkeypatch.setattr(accounts, "_HASHER", production_hasher)
    stored = accounts.hash_password("river stone lantern", "alice")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert accounts.password_matches(stored, "river stone lantern")
    assert not accounts.password_matches(stored, "river stone lanterns")
    assert not accounts.password_matches(None, "river stone lantern")
    assert not accounts.needs_rehash(stored) and accounts.needs_rehash(weak)
