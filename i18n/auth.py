"""UI text of signing in and out (the sidebar, the editing pages, the accounts page)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "auth_heading": ("サインイン", "Sign in"),
    "auth_name": ("ユーザー名", "User name"),
    "auth_password": ("パスワード", "Password"),
    "auth_submit": ("サインイン", "Sign in"),
    "auth_sign_out": ("サインアウト", "Sign out"),
    "auth_sso": ("組織アカウントでサインイン", "Sign in with your organisation account"),
    "auth_session_expired": (
        "アカウントのパスワードまたは権限が変更されたため、サインインし直してください。",
        "The account's password or role was changed: please sign in again.",
    ),
    "auth_failed": (
        "ユーザー名またはパスワードが違います。または、パスワードを {n} 回続けて間違えたため"
        "アカウントが {minutes} 分間ロックされています（管理者が解除できます）。",
        "Wrong user name or password, or the account is locked "
        "({n} wrong passwords in a row lock it for {minutes} minutes; an admin can unlock it).",
    ),
    "auth_signed_in": ("サインイン中: {name}（{role}）", "Signed in: {name} ({role})"),
    "auth_role_editor": ("編集者", "editor"),
    "auth_role_viewer": ("閲覧者", "viewer"),
    "auth_role_admin": ("管理者", "admin"),
    "auth_upload_sign_in": (
        "ファイルを読み込むにはサインインしてください（サイドバー）。サインインするまでファイルは受け取りません。",
        "Sign in (see the sidebar) to upload a file: no file is received before you sign in.",
    ),
    "auth_editor_required": (
        "候補地の登録・編集・取込には編集者としてのサインインが必要です（サイドバー）。閲覧はサインインなしで地図ページから行えます。",
        "Editor sign-in required to add, edit or import sites (see the sidebar). Viewing stays open on the map page.",
    ),
}
