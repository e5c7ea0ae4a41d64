"""Accounts (admins only): list, create, reset a password, change a role, unlock; the account log.

LGWAN staff have no shell, so this page does in the browser what ``chiiki-map users`` does. Every change
goes through ``geo.store.users`` with the signed-in admin ``Actor``: the store checks that it is still an
admin, refuses to take the role from the last admin, and writes the ``activity`` row. After each submit
the typed passwords leave the session state and the page re-runs, showing what was done once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NoReturn

import pandas as pd
import streamlit as st

from geo.accounts import ROLES, Actor
from geo.errors import AccountError, StoreError
from geo.sites.edit import local_time
from geo.store import open_store
from geo.store.users import account_activity, add_user, list_users, set_password, set_role, unlock
from i18n import Lang, t
from i18n.errors import error_text
from ui import auth
from ui.context import current
from ui.markdown import escape, text_dataframe

#: Newest account-log rows shown.
LOG_ROWS = 200
#: Session keys of the password fields, dropped right after a submit (not kept in the server's memory).
_PASSWORD_KEYS = ("admin_create_pw", "admin_create_pw2", "admin_reset_pw", "admin_reset_pw2")


def role_words(role: object, lang: Lang) -> str:
    """A role in words (管理者 / admin …)."""
    return t(f"auth_role_{role}", lang) if role in ROLES else str(role)


def accounts_table(users: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """``list_users`` in words: name, role, active or locked until when, created, last change."""
    states = [
        t("admin_state_locked", lang, until=local_time(u)[:16]) if u else t("admin_state_ok", lang)
        for u in users["locked_until"]
    ]
    return pd.DataFrame(
        {
            t("admin_col_name", lang): users["name"].astype(str),
            t("admin_col_role", lang): [role_words(r, lang) for r in users["role"]],
            t("admin_col_state", lang): states,
            t("admin_col_created", lang): [local_time(v)[:16] for v in users["created_at"]],
            t("admin_col_changed", lang): [local_time(v)[:16] for v in users["updated_at"]],
        }
    )


def _detail_words(action: str, detail: Mapping[str, object], lang: Lang) -> str:
    """What an account change did, in words (never a password: the log holds none)."""
    if action == "locked":
        return t("admin_detail_failures", lang, n=detail.get("failures", ""))
    if action == "unlock":
        return t("admin_detail_was_locked" if detail.get("was_locked") else "admin_detail_not_locked", lang)
    if detail.get("role_from"):
        old, new = role_words(detail["role_from"], lang), role_words(detail.get("role"), lang)
        return t("admin_detail_role_change", lang, old=old, new=new)
    return t("admin_detail_role", lang, role=role_words(detail["role"], lang)) if detail.get("role") else ""


def log_table(log: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """``account_activity`` in words: when, by whom, what, which account, detail."""
    return pd.DataFrame(
        {
            t("admin_log_at", lang): [local_time(v) for v in log["at"]],
            t("admin_log_user", lang): log["user"].astype(str),
            t("admin_log_action", lang): [t(f"admin_action_{a}", lang) for a in log["action"]],
            t("admin_log_target", lang): log["target"].astype(str),
            t("admin_log_detail", lang): [_detail_words(a, d, lang) for a, d in zip(log["action"], log["detail"])],
        }
    )


def _change(action: Callable[[], object], lang: Lang) -> tuple[bool, object]:
    """(done, result) of an account change; an error message if the store refused it (not an admin, last admin)."""
    try:
        return True, action()
    except (PermissionError, AccountError, StoreError) as exc:
        _after(("error", t("admin_refused", lang, detail=escape(error_text(exc, lang)))))
    return False, None


def _after(*messages: tuple[str, str]) -> NoReturn:
    """After a submit: drop the typed passwords, keep ``messages`` (kind, text) for the next run, re-run.

    The re-run redraws the list and the forms (empty) from the store, and shows the messages once.
    """
    for key in _PASSWORD_KEYS:
        st.session_state.pop(key, None)
    st.session_state[auth.ADMIN_FLASH] = list(messages)
    st.rerun()  # raises: nothing after a call to _after runs


def _flash() -> None:
    """The messages the last change left (shown once, also when it signed the admin out)."""
    show = {"success": st.success, "info": st.info, "error": st.error}
    for kind, message in st.session_state.pop(auth.ADMIN_FLASH, []):
        show[kind](message)


def _passwords(first: str, second: str, lang: Lang) -> str:
    """The typed password if both fields agree (else re-run with an error)."""
    if first != second:
        _after(("error", t("admin_passwords_differ", lang)))
    return first


def _done(message: str, actor: Actor, name: str, lang: Lang) -> None:
    """Re-run with ``message`` (and, when admins changed their own account, the note to sign in again)."""
    own = [("info", t("admin_self_sign_in", lang))] if name == actor.name else []
    _after(("success", message), *own)


def _role_box(label: str, key: str, lang: Lang) -> str:
    """A role chooser in words.

    Its key names the language: a keyed selectbox keeps the option words it was first drawn with, so the
    English page would otherwise still offer 編集者.
    """
    chosen = st.selectbox(t(label, lang), list(ROLES), key=f"{key}_{lang}", format_func=lambda r: role_words(r, lang))
    return str(chosen)


def create_account(actor: Actor, lang: Lang) -> None:
    """Name, role and an initial password (twice) → a new account."""
    with st.form("admin_create", clear_on_submit=True):
        name = st.text_input(t("admin_name", lang), key="admin_create_name", max_chars=100)
        role = _role_box("admin_role", "admin_create_role", lang)
        first = st.text_input(t("admin_password", lang), type="password", key="admin_create_pw")
        second = st.text_input(t("admin_password_again", lang), type="password", key="admin_create_pw2")
        st.caption(t("admin_password_rules", lang))
        submitted = st.form_submit_button(t("admin_create_button", lang), type="primary")
    if not submitted:
        return
    password = _passwords(first, second, lang)
    if not name.strip():
        _after(("error", t("admin_name_missing", lang)))
    ok, made = _change(lambda: add_user(open_store(), name, role, password, by=actor), lang)
    if ok and isinstance(made, Actor):
        _done(t("admin_created", lang, name=escape(made.name), role=role_words(made.role, lang)), actor, "", lang)


def reset_password(actor: Actor, names: list[str], lang: Lang) -> None:
    """A new password (twice) for an account; its sessions must sign in again, a lockout ends."""
    with st.form("admin_reset", clear_on_submit=True):
        name = st.selectbox(t("admin_account", lang), names, key="admin_reset_name")
        first = st.text_input(t("admin_new_password", lang), type="password", key="admin_reset_pw")
        second = st.text_input(t("admin_password_again", lang), type="password", key="admin_reset_pw2")
        st.caption(t("admin_password_rules", lang))
        submitted = st.form_submit_button(t("admin_reset_button", lang), type="primary")
    if not submitted or name is None:
        return
    password = _passwords(first, second, lang)
    if _change(lambda: set_password(open_store(), name, password, by=actor), lang)[0]:
        _done(t("admin_reset_done", lang, name=escape(name)), actor, name, lang)


def change_role(actor: Actor, users: pd.DataFrame, lang: Lang) -> None:
    """Another role for an account (the password stays); the last admin keeps the role."""
    roles = dict(zip(users["name"], users["role"]))
    with st.form("admin_role"):
        name = st.selectbox(t("admin_account", lang), list(roles), key="admin_role_name")
        role = _role_box("admin_new_role", "admin_role_role", lang)
        submitted = st.form_submit_button(t("admin_role_button", lang), type="primary")
    if not submitted or name is None:
        return
    ok, changed = _change(lambda: set_role(open_store(), name, role, by=actor), lang)
    old, new = role_words(roles[name], lang), role_words(role, lang)
    if ok and changed:
        _done(t("admin_role_done", lang, name=escape(name), old=old, new=new), actor, name, lang)
    _after(("info", t("admin_role_same", lang, name=escape(name), role=new)))


def unlock_account(actor: Actor, users: pd.DataFrame, lang: Lang) -> None:
    """End the lockout of a locked account."""
    locked = users.loc[users["locked_until"].notna(), "name"].tolist()
    if not locked:
        st.caption(t("admin_unlock_none", lang))
        return
    with st.form("admin_unlock"):
        name = st.selectbox(t("admin_account", lang), locked, key="admin_unlock_name")
        submitted = st.form_submit_button(t("admin_unlock_button", lang), type="primary")
    if submitted and name is not None and _change(lambda: unlock(open_store(), name, by=actor), lang)[0]:
        _done(t("admin_unlock_done", lang, name=escape(name)), actor, "", lang)


def page() -> None:
    """Admin-only page: the account list, the four changes, the account log."""
    lang = current().lang
    st.title(t("admin_title", lang))
    _flash()
    actor = auth.admin(lang)
    if actor is None:
        return
    st.caption(t("admin_intro", lang))
    users = list_users(open_store())
    st.subheader(t("admin_accounts", lang))
    text_dataframe(accounts_table(users, lang), hide_index=True, width="stretch")
    tabs = st.tabs([t(f"admin_tab_{k}", lang) for k in ("create", "reset", "role", "unlock")])
    with tabs[0]:
        create_account(actor, lang)
    with tabs[1]:
        reset_password(actor, users["name"].tolist(), lang)
    with tabs[2]:
        change_role(actor, users, lang)
    with tabs[3]:
        unlock_account(actor, users, lang)
    st.subheader(t("admin_log", lang))
    log = account_activity(open_store()).head(LOG_ROWS)
    if log.empty:
        st.caption(t("admin_log_empty", lang))
    else:
        text_dataframe(log_table(log, lang), hide_index=True, width="stretch")


page()
