"""UI text of the admin page (accounts: create, reset a password, change a role, unlock; the account log)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_admin": ("アカウント管理", "Accounts"),
    "auth_admin_required": (
        "アカウント管理には管理者としてのサインインが必要です（サイドバー）。",
        "Admin sign-in required to manage accounts (see the sidebar).",
    ),
    "admin_title": ("アカウント管理", "Accounts"),
    "admin_intro": (
        "アカウントの作成、パスワードの再設定、権限の変更、ロックの解除を行います。変更はすべて操作履歴に記録されます"
        "（パスワードは記録しません）。管理者は候補地の編集もできます。",
        "Create accounts, reset passwords, change roles and unlock accounts. Every change is recorded in the "
        "account log (never the password). Admins can also edit sites.",
    ),
    "admin_accounts": ("アカウント一覧", "All accounts"),
    "admin_col_name": ("ユーザー名", "User name"),
    "admin_col_role": ("権限", "Role"),
    "admin_col_state": ("状態", "State"),
    "admin_col_created": ("作成日時", "Created"),
    "admin_col_changed": ("最終変更（パスワード・権限）", "Last change (password / role)"),
    "admin_state_ok": ("利用可", "active"),
    "admin_state_locked": ("ロック中（{until} まで）", "locked until {until}"),
    "admin_no_accounts": ("アカウントはまだありません。", "No accounts yet."),
    "admin_tab_create": ("アカウント作成", "Create an account"),
    "admin_tab_reset": ("パスワード再設定", "Reset a password"),
    "admin_tab_role": ("権限の変更", "Change a role"),
    "admin_tab_unlock": ("ロック解除", "Unlock"),
    "admin_name": ("ユーザー名", "User name"),
    "admin_account": ("対象アカウント", "Account"),
    "admin_role": ("権限", "Role"),
    "admin_new_role": ("新しい権限", "New role"),
    "admin_password": ("初期パスワード", "Initial password"),
    "admin_new_password": ("新しいパスワード", "New password"),
    "admin_password_again": ("パスワード（確認のためもう一度）", "Password (again, to confirm)"),
    "admin_password_rules": (
        "パスワード: 空白以外で 12 文字以上、よく使われるものやユーザー名を含むものは不可"
        "（数語を並べると覚えやすく安全です）。本人に安全な方法で伝え、変更を勧めてください。",
        "Password: at least 12 characters that are not spaces, not a well-known one, not containing the user "
        "name (a few words make a good one). Hand it over safely and ask the person to change it.",
    ),
    "admin_create_button": ("作成する", "Create"),
    "admin_reset_button": ("パスワードを再設定する", "Reset the password"),
    "admin_role_button": ("権限を変更する", "Change the role"),
    "admin_unlock_button": ("ロックを解除する", "Unlock"),
    "admin_passwords_differ": (
        "2 つのパスワードが一致しません。何も変更していません。",
        "The two passwords differ: nothing was changed.",
    ),
    "admin_name_missing": ("ユーザー名を入力してください。", "Enter a user name."),
    "admin_created": (
        "アカウント「{name}」（{role}）を作成しました。",
        "Created the account “{name}” ({role}).",
    ),
    "admin_reset_done": (
        "「{name}」のパスワードを再設定しました（ロックも解除）。"
        "このアカウントのサインイン中の画面は、サインインし直すまで編集できません。",
        "Reset the password of “{name}” (and cleared any lockout). Its open sessions must sign in again to edit.",
    ),
    "admin_role_done": (
        "「{name}」の権限を {old} から {new} に変更しました。"
        "このアカウントのサインイン中の画面はサインインし直しが必要です。",
        "Changed the role of “{name}” from {old} to {new}. Its open sessions must sign in again.",
    ),
    "admin_role_same": (
        "「{name}」は既に {role} です。何も変更していません。",
        "“{name}” already is {role}: nothing changed.",
    ),
    "admin_unlock_done": ("「{name}」のロックを解除しました。", "Unlocked “{name}”."),
    "admin_unlock_none": ("ロック中のアカウントはありません。", "No account is locked."),
    "admin_self_sign_in": (
        "ご自身のアカウントを変更したため、サインインし直してください。",
        "You changed your own account: please sign in again.",
    ),
    "admin_refused": ("変更できません: {detail}", "Not changed: {detail}"),
    "admin_log": ("操作履歴（アカウント）", "Account log"),
    "admin_log_empty": ("記録はまだありません。", "Nothing recorded yet."),
    "admin_log_at": ("日時", "When"),
    "admin_log_user": ("操作した人", "By"),
    "admin_log_action": ("操作", "Action"),
    "admin_log_target": ("対象アカウント", "Account"),
    "admin_log_detail": ("内容", "Detail"),
    "admin_action_user_add": ("アカウント作成", "account created"),
    "admin_action_password": ("パスワード再設定", "password reset"),
    "admin_action_role": ("権限の変更", "role changed"),
    "admin_action_locked": ("ロック（パスワード誤り）", "locked (wrong passwords)"),
    "admin_action_unlock": ("ロック解除", "unlocked"),
    "admin_detail_role": ("権限: {role}", "role: {role}"),
    "admin_detail_role_change": ("権限: {old} → {new}", "role: {old} → {new}"),
    "admin_detail_failures": ("{n} 回続けて失敗", "{n} failures in a row"),
    "admin_detail_was_locked": ("ロック中だった", "was locked"),
    "admin_detail_not_locked": ("ロックされていなかった", "was not locked"),
}
