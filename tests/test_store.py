"""geo.store on both backends: seeding, add/update/delete/restore, conflicts, permissions, audit, users."""

from __future__ import annotations

import json
from collections.abc import Callable

import geopandas as gpd
import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal

from geo.accounts import Actor, actor_from_oidc
from geo.errors import AccountError, ChiikiMapError, EditorRequired
from geo.regions import locate
from geo.store import (
    STORE_AUDIT_COLUMNS,
    STORE_COLUMNS,
    ConflictError,
    GpkgSiteStore,
    PgSiteStore,
    SiteNotFoundError,
    StoreError,
    ValidationError,
    open_store,
)
from geo.store.signin import verify
from geo.store.users import add_user, list_users, set_password, user_record
from i18n.errors import bilingual
from i18n.reasons import reasons_text
from tests.support.wording import raises_words

ALICE = Actor("alice", "editor")
BOB = Actor("bob", "editor")
VIEWER = Actor("vera", "viewer")


def test_first_use_creates_and_seeds(store_target: str, n_sample: int) -> None:
    store = open_store(store_target)
    sites = store.read()
    assert len(sites) == n_sample and sites.crs.to_epsg() == 4326
    assert list(sites.columns) == [*STORE_COLUMNS, "geometry"]
    assert sites["site_id"].tolist() == list(range(1, n_sample + 1))
    assert sites["is_sample"].all() and (sites["version"] == 1).all() and not sites["deleted"].any()
    assert sites["pref_code"].str.fullmatch(r"\d\d").all() and sites["block"].notna().all()
    assert sites["created_at"].str.endswith("Z").all()
    assert (sites.geometry.x == sites["lon"]).all() and (sites.geometry.y == sites["lat"]).all()
    audit = store.audit()
    assert list(audit.columns) == STORE_AUDIT_COLUMNS
    assert len(audit) == n_sample and set(audit["action"]) == {"import"} and set(audit["user"]) == {"system:seed"}


def test_default_store_follows_the_environment(store_env: str, n_sample: int) -> None:
    store = open_store()
    assert isinstance(store, PgSiteStore if store_env.startswith("postgresql://") else GpkgSiteStore)
    assert len(store.read()) == n_sample


def test_reopen_does_not_reseed(store_target: str, n_sample: int) -> None:
    first = open_store(store_target)
    token = first.version_token()
    again = open_store(store_target)
    assert len(again.read()) == n_sample and again.version_token() == token


def test_add_returns_ids_and_audits(store_target: str, n_sample: int, site_rows: Callable[..., pd.DataFrame]) -> None:
    store = open_store(store_target)
    token = store.version_token()
    ids = store.add(site_rows(3, "new", company="<img src=x onerror=alert(1)>"), ALICE)
    assert ids == [n_sample + 1, n_sample + 2, n_sample + 3]
    assert store.version_token() != token
    site = store.get(ids[0])
    assert site["name"] == "new-0000" and site["version"] == 1 and site["updated_by"] == "alice"
    assert site["company"] == "<img src=x onerror=alert(1)>"  # stored as text, verbatim
    assert site["pref_code"] == "43" and site["muni_code"] and site["block"] == "kyushu"
    audit = store.audit(ids[0])
    assert audit[["site_id", "user", "action"]].values.tolist() == [[ids[0], "alice", "add"]]
    assert pd.isna(audit["before"].iloc[0]) and json.loads(audit["after"].iloc[0])["name"] == "new-0000"


def test_round_trip_keeps_every_value(store_target: str) -> None:
    """Sites in, sites out: every column as given (derived codes for points whose place is known by hand)."""
    given = gpd.GeoDataFrame(
        {
            "name": ["往復 A", "往復 B"],
            "plan_type": ["A", "A"],
            "field": ["ai_semiconductor", "ai_semiconductor"],
            "company": ["会社A", None],
            "investment_oku_yen": [1200.5, None],
            "jobs": [300.0, None],
            "land_ha": [None, 12.25],
            "water_m3_day": [None, None],
            "power_mw": [50.0, None],
            "status": ["planned", "construction"],
            "address_ja": ["熊本県菊池郡菊陽町", None],
            "source_note": ["手入力", None],
        },
        geometry=gpd.points_from_xy([130.845, 131.61], [32.882, 33.24]),
        crs="EPSG:4326",
    )
    store = open_store(store_target)
    ids = store.add(given, ALICE)
    # the site schema keeps empty text as "" (geo.sites.schema), never None
    text = {c: given[c].astype(object).where(given[c].notna(), "") for c in ("company", "address_ja", "source_note")}
    numbers = {c: given[c].astype(float) for c in ("investment_oku_yen", "jobs", "land_ha", "water_m3_day", "power_mw")}
    columns = {
        "site_id": [*ids],
        "name": ["往復 A", "往復 B"],
        "plan_type": ["A", "A"],
        "field": ["ai_semiconductor", "ai_semiconductor"],
        **text,
        **numbers,
        "status": ["planned", "construction"],
        "is_sample": [False, False],
        "lon": [130.845, 131.61],
        "lat": [32.882, 33.24],
        "pref_code": ["43", "44"],  # 熊本県菊陽町, 大分県大分市
        "muni_code": ["43404", "44201"],
        "block": ["kyushu", "kyushu"],
        "version": [1, 1],
        "deleted": [False, False],
        "updated_by": ["alice", "alice"],
    }
    frame = pd.DataFrame({c: pd.Series(list(v), dtype=object) for c, v in columns.items()})
    frame = frame.astype(
        {"site_id": "int64", "version": "int64", "is_sample": bool, "deleted": bool, **dict.fromkeys(numbers, float)}
    )
    frame = frame.astype({c: float for c in ("lon", "lat")})
    expected = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")
    read = store.read().set_index("site_id").loc[ids].reset_index()
    assert_geodataframe_equal(read[expected.columns], expected)
    assert store.update(ids[1], {"lon": 130.80, "lat": 32.80, "company": "会社B"}, 1, BOB) == 2
    moved = expected.iloc[[1]].reset_index(drop=True)
    changes = {"company": "会社B", "lon": 130.80, "lat": 32.80, "pref_code": "43", "muni_code": "43443"}  # 益城町
    changes["updated_by"] = "bob"
    for column, value in changes.items():
        moved[column] = pd.Series([value], dtype=moved[column].dtype)
    moved["version"] = moved["version"] + 1
    moved = moved.set_geometry(gpd.points_from_xy([130.80], [32.80], crs="EPSG:4326"))
    again = store.read().set_index("site_id").loc[[ids[1]]].reset_index()
    assert_geodataframe_equal(again[moved.columns], moved)


def test_add_is_all_or_nothing(store_target: str, n_sample: int, site_rows: Callable[..., pd.DataFrame]) -> None:
    store = open_store(store_target)
    token = store.version_token()
    rows = site_rows(4, "batch")
    rows.loc[2, "lon"] = float("nan")
    # the row as a sheet with a header would number it (position 2 → row 4)
    with raises_words(ValidationError, r"1 of 4 site\(s\) are invalid, nothing was saved: row 4") as err:
        store.add(rows, ALICE)
    assert err.value.rejected["row"].tolist() == [4]
    assert reasons_text(err.value.rejected["reason"].iloc[0], "en").startswith("coordinates are missing")
    assert len(store.read()) == n_sample and len(store.audit()) == n_sample
    assert store.version_token() == token


def test_duplicates_are_refused_before_writing(
    store_target: str, n_sample: int, site_rows: Callable[..., pd.DataFrame]
) -> None:
    store = open_store(store_target)
    jasm = store.get(1)
    near = pd.DataFrame(
        [
            {
                **{k: jasm[k] for k in ("plan_type", "field", "status")},
                "name": f" {jasm['name'].upper()} ",
                "lon": jasm["lon"] + 0.001,
                "lat": jasm["lat"],
            }
        ]
    )
    with raises_words(
        ValidationError, "1 duplicate site\\(s\\), nothing was saved: row 4: duplicate of existing"
    ) as err:
        store.add(pd.concat([site_rows(2, "ok"), near], ignore_index=True), ALICE)
    assert err.value.rejected["row"].tolist() == [4]
    assert "duplicate of existing site #1" in reasons_text(err.value.rejected["reason"].iloc[0], "en")
    assert "登録済みの候補地 #1" in reasons_text(err.value.rejected["reason"].iloc[0], "ja")
    twice = pd.concat([site_rows(1, "same"), site_rows(1, "same")], ignore_index=True)
    with raises_words(ValidationError, "重複しているため、何も保存していません.*duplicate of an earlier row") as err:
        store.add(twice, ALICE)
    assert "duplicate of an earlier row" in reasons_text(err.value.rejected["reason"].iloc[0], "en")
    assert len(store.read()) == n_sample
    far = near.assign(lon=jasm["lon"] + 0.1)  # same name ~9 km away: another site
    assert len(store.add(far, ALICE)) == 1


def test_update_bumps_version_and_audits_before_after(
    store_target: str, site_rows: Callable[..., pd.DataFrame]
) -> None:
    store = open_store(store_target)
    [sid] = store.add(site_rows(1, "edit"), ALICE)
    assert store.update(sid, {"jobs": 120, "lon": 130.80, "lat": 32.80}, 1, BOB) == 2
    site = store.get(sid)
    assert site["jobs"] == 120 and site["version"] == 2 and site["updated_by"] == "bob"
    assert site["muni_code"] == locate(130.80, 32.80)["muni_code"]  # derived columns follow the point
    entry = store.audit(sid).iloc[-1]
    assert entry["user"] == "bob" and entry["action"] == "update"
    before, after = json.loads(entry["before"]), json.loads(entry["after"])
    assert before["jobs"] is None and after["jobs"] == 120 and after["lon"] == 130.80
    assert "name" not in after  # only what changed
    assert store.update(sid, {"jobs": 120}, 2, BOB) == 2  # nothing differs: no new version, no audit
    assert len(store.audit(sid)) == 2


def test_update_refuses_bad_values_and_unknown_columns(store_target: str) -> None:
    store = open_store(store_target)
    with raises_words(ValidationError, "1 of 1 site\\(s\\) are invalid, nothing was saved: row 2") as err:
        store.update(1, {"lon": 0.0, "lat": 0.0}, 1, ALICE)
    assert "outside Japan" in reasons_text(err.value.rejected["reason"].iloc[0], "en")
    with raises_words(ValueError, "cannot change version"):
        store.update(1, {"version": 9}, 1, ALICE)
    with raises_words(SiteNotFoundError, "site 999 not found"):
        store.update(999, {"jobs": 1}, 1, ALICE)
    assert store.get(1)["version"] == 1 and len(store.audit(1)) == 1


def test_second_save_gets_a_conflict_and_keeps_its_changes(store_target: str) -> None:
    store = open_store(store_target)
    loaded = store.get(5)["version"]
    store.update(5, {"jobs": 10}, loaded, ALICE)
    mine = {"jobs": 20, "company": "Bob Co."}
    with pytest.raises(ConflictError) as err:
        store.update(5, mine, loaded, BOB)
    exc = err.value
    assert exc.changes == mine and exc.current_version == 2 and exc.saved_by == "alice"
    words = bilingual(exc)
    assert "alice saved version 2 at" in words and "Reload" in words and "nothing of yours was lost" in words
    assert "他の人が先に保存しました" in words
    assert store.get(5)["jobs"] == 10  # Alice's save stands
    assert store.update(5, exc.changes, exc.current_version, BOB) == 3  # re-applied on the new version


def test_soft_delete_and_restore(store_target: str) -> None:
    store = open_store(store_target)
    v = store.delete(7, 1, ALICE)
    assert v == 2 and 7 not in store.read()["site_id"].tolist()
    assert store.read(include_deleted=True).set_index("site_id").loc[7, "deleted"]
    with raises_words(ValueError, "restore it before editing"):
        store.update(7, {"jobs": 1}, 2, ALICE)
    with pytest.raises(ConflictError):
        store.restore(7, 1, BOB)
    assert store.restore(7, 2, BOB) == 3 and 7 in store.read()["site_id"].tolist()
    actions = store.audit(7)[["user", "action", "before", "after"]].values.tolist()
    assert actions[1:] == [
        ["alice", "delete", '{"deleted": false}', '{"deleted": true}'],
        ["bob", "restore", '{"deleted": true}', '{"deleted": false}'],
    ]


@pytest.mark.parametrize("actor", [None, VIEWER, Actor("", "editor")], ids=["anonymous", "viewer", "nameless"])
def test_writes_without_an_editor_are_refused(
    store_target: str, actor: Actor | None, n_sample: int, site_rows: Callable[..., pd.DataFrame]
) -> None:
    store = open_store(store_target)
    token = store.version_token()
    for call in (
        lambda: store.add(site_rows(1, "x"), actor),
        lambda: store.update(1, {"jobs": 1}, 1, actor),
        lambda: store.delete(1, 1, actor),
        lambda: store.restore(1, 1, actor),
    ):
        with raises_words(PermissionError, "editor sign-in required") as refused:
            call()
        assert isinstance(refused.value, EditorRequired)
    assert store.version_token() == token and len(store.audit()) == n_sample


def test_local_accounts(store_target: str) -> None:
    store = open_store(store_target)
    assert add_user(store, "alice", "editor", "correct horse battery") == ALICE
    add_user(store, "vera", "viewer", "viewer passphrase")
    assert verify(store, "alice", "correct horse battery") == ALICE
    assert verify(store, "alice", "wrong") is None and verify(store, "nobody", "x") is None
    assert verify(store, "vera", "viewer passphrase") == VIEWER
    record = user_record(store, "alice")
    assert record["password_hash"].startswith("$argon2id$") and "correct horse battery" not in record["password_hash"]
    with raises_words(ValueError, "already exists") as exists:
        add_user(store, "alice", "viewer", "another one please")
    assert isinstance(exists.value, AccountError) and isinstance(exists.value, ChiikiMapError)
    with raises_words(AccountError, "no user 'nobody'"):
        set_password(store, "nobody", "long enough phrase")
    with raises_words(ValueError, "too short"):
        add_user(store, "carol", "editor", "short")
    with raises_words(ValueError, "role 'boss' is unknown"):
        add_user(store, "carol", "boss", "long enough phrase")
    set_password(store, "alice", "new pass phrase", role="viewer")
    assert verify(store, "alice", "correct horse battery") is None
    assert verify(store, "alice", "new pass phrase") == Actor("alice", "viewer")
    assert list_users(store)["name"].tolist() == ["alice", "vera"]
    assert "password_hash" not in list_users(store).columns


def test_actor_from_oidc() -> None:
    roles = {"Lead@Pref.Kumamoto.lg.jp": "editor", "@meti.go.jp": "viewer"}
    assert actor_from_oidc("lead@pref.kumamoto.lg.jp", roles).role == "editor"
    assert actor_from_oidc("someone@meti.go.jp", roles, default_role="editor").role == "viewer"
    assert actor_from_oidc("guest@example.com", roles) == Actor("guest@example.com", "viewer")


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(StoreError) as err:
        open_store("postgresql://u:secret@127.0.0.1:9/x?connect_timeout=2")
    words = bilingual(err.value)
    assert "cannot connect to the PostGIS store postgresql://u@127.0.0.1:9/x" in words and "secret" not in words
