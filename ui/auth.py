"""Who is signed in: Streamlit's OIDC login when ``[auth]`` is configured, else local accounts.

The signed-in ``geo.accounts.Actor`` lives in ``st.session_state``. Pages that write call
:func:`editor`, which draws the sidebar sign-in and returns the actor only for editors (and admins);
everyone else gets a short "editor sign-in required" note and no write controls. The accounts page
calls :func:`admin` the same way; ``app.py`` lists it in the menu only while :func:`signed_in_admin`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from geo.accounts import Actor, actor_from_oidc
from geo.errors import StoreError
from geo.store import open_store
from geo.store.signin import LOCKOUT_FAILURES, LOCKOUT_MINUTES, verify
from geo.store.users import user_record
from i18n import Lang, t
from i18n.errors import error_text
from ui.markdown import escape

_ACTOR = "_chiiki_actor"
#: Messages the accounts page left for its next run (shown once, also after it signed the admin out).
ADMIN_FLASH = "admin_flash"
EDITOR = "editor"


def _secrets() -> Mapping:
    """``st.secrets`` as a mapping, empty when the deployment has no secrets file."""
    try:
        return st.secrets.to_dict()
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return {}


def oidc_configured() -> bool:
    """True when the deployment configures an OIDC provider (an ``[auth]`` secrets section)."""
    return "auth" in _secrets()


def current_actor() -> Actor | None:
    """The signed-in actor of this session, or None."""
    return st.session_state.get(_ACTOR)


def is_editor(actor: Actor | None) -> bool:
    """Whether ``actor`` may write (editors and admins)."""
    return actor is not None and actor.can_edit


def is_admin(actor: Actor | None) -> bool:
    """Whether ``actor`` may manage accounts."""
    return actor is not None and actor.can_admin


def signed_in_admin() -> Actor | None:
    """The session's admin if one is signed in and the account is unchanged since (no widgets drawn)."""
    actor = current_actor()
    return actor if is_admin(actor) and actor is not None and _still_valid(actor) else None


def _oidc_actor() -> Actor | None:
    """The OIDC user as an Actor.

    Role: ``[chiiki_map] editors`` (addresses) or ``[chiiki_map.roles]`` (address or ``@domain`` →
    role) in the secrets, else the role of a users-table account named by that address, else viewer.
    """
    if not st.user.is_logged_in:
        return None
    # The e-mail address (or the provider's stable subject id), never the self-chosen display name.
    ident = str(st.user.get("email") or st.user.get("sub") or "")
    settings = _secrets().get("chiiki_map", {})
    role_map = {**dict(settings.get("roles", {})), **{str(e): EDITOR for e in settings.get("editors", [])}}
    account = user_record(open_store(), ident) if ident else None
    return actor_from_oidc(ident, role_map, default_role=account["role"] if account else "viewer")


def _signed_in_caption(actor: Actor, lang: Lang) -> None:
    role = t(f"auth_role_{actor.role}", lang)
    st.sidebar.caption(t("auth_signed_in", lang, name=escape(actor.name), role=role))


def _local_form(lang: Lang) -> None:
    """Name + password form in the sidebar; a correct pair stores the actor and re-runs.

    The form is cleared on submit and the typed password is dropped from the session state at once,
    so it is not kept in the server's memory for the rest of the session.
    """
    with st.sidebar.form("auth_form", clear_on_submit=True):
        name = st.text_input(t("auth_name", lang), key="auth_name")
        password = st.text_input(t("auth_password", lang), type="password", key="auth_password")
        submitted = st.form_submit_button(t("auth_submit", lang))
    if not submitted:
        return
    st.session_state.pop("auth_password", None)
    try:
        actor = verify(open_store(), name.strip(), password)
    except StoreError as exc:  # the attempt cannot be counted (read-only or full store): nobody signs in
        st.sidebar.error(escape(error_text(exc, lang)))
        return
    if actor is None:  # a wrong password, an unknown name or a locked account: the same answer
        st.sidebar.error(t("auth_failed", lang, n=LOCKOUT_FAILURES, minutes=LOCKOUT_MINUTES))
    else:
        st.session_state[_ACTOR] = actor
        st.rerun()


def _still_valid(actor: Actor) -> bool:
    """False once the local account of ``actor`` was removed or its password or role changed."""
    if actor.password_version is None:
        return True
    row = user_record(open_store(), actor.name)
    return row is not None and row["role"] == actor.role and row["password_version"] == actor.password_version


def sign_in_widget(lang: Lang) -> Actor | None:
    """Draw the sidebar sign-in (or the signed-in user and a sign-out button); returns the actor."""
    st.sidebar.header(t("auth_heading", lang))
    if oidc_configured():
        actor = _oidc_actor()
        st.session_state[_ACTOR] = actor
        if actor is None:
            if st.sidebar.button(t("auth_sso", lang), key="auth_login"):
                st.login()
            return None
        _signed_in_caption(actor, lang)
        if st.sidebar.button(t("auth_sign_out", lang), key="auth_logout"):
            st.logout()
        return actor
    actor = current_actor()
    if actor is not None and not _still_valid(actor):
        st.session_state.pop(_ACTOR, None)
        st.sidebar.info(t("auth_session_expired", lang))
        actor = None
    if actor is None:
        _local_form(lang)
        return None
    _signed_in_caption(actor, lang)
    if st.sidebar.button(t("auth_sign_out", lang), key="auth_logout"):
        st.session_state.pop(_ACTOR, None)
        st.rerun()
    return actor


def _signed_in_as(lang: Lang, allowed: Callable[[Actor | None], bool], note: str) -> Actor | None:
    """The sidebar sign-in; the actor if ``allowed``, else None after showing the ``note`` text."""
    actor = sign_in_widget(lang)
    if allowed(actor):
        return actor
    st.info(t(note, lang))
    return None


def file_uploader(actor: Actor | None, lang: Lang, label: str, *, where: Any = st, **kwargs: Any) -> Any:
    """``where.file_uploader(label, **kwargs)`` for a signed-in person; signed out, a note instead and None.

    Every upload control of the app is drawn here: a visitor who is not signed in gets none, so no file of
    theirs is received, previewed or read (a 98 KB GeoPackage previewed for anyone once pinned a CPU).
    """
    if actor is None:
        where.info(t("auth_upload_sign_in", lang))
        return None
    return where.file_uploader(label, **kwargs)


def admin(lang: Lang) -> Actor | None:
    """The signed-in admin, or None after showing the "admin sign-in required" note."""
    return _signed_in_as(lang, is_admin, "auth_admin_required")


def editor(lang: Lang) -> Actor | None:
    """The signed-in editor (or admin), or None after showing the "editor sign-in required" note."""
    return _signed_in_as(lang, is_editor, "auth_editor_required")
