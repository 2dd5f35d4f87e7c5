"""What a project file may open only once the planner agrees.

A project file comes from anyone, so by itself it opens nothing outside its
own folder and contacts no server:
- a database connection it names (host, port, database, user) is shown to the
  planner, and contacted only once confirmed; the confirmation is remembered
  per connection (its full identity, data/postgis/connection.py), as QGIS
  keeps a connection's authentication configuration, so the next project that
  names it opens without asking. Connections the planner typed in the PostGIS
  dialog count as confirmed.
- files it names outside its folder (an absolute path, or `../..`) are listed,
  and read only if the planner allows them, each time the project is opened.

Everything shown comes from the file, so it is shown as plain text, with
control and direction characters made visible (connection.shown).
"""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ..data.postgis.connection import PgConnection, shown
from .i18n import tr
from .settings import open_settings

CONFIRMED_KEY = "postgis/confirmed_connections"
SHOWN_PATHS = 12  # paths listed in the question before "…"


def _confirmed() -> list[str]:
    """The confirmed connections' identities, kept as one JSON text (an INI list
    would split an identity at its commas)."""
    try:
        value = json.loads(str(open_settings().value(CONFIRMED_KEY, "") or "[]"))
    except (TypeError, ValueError):
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def is_confirmed(connection: PgConnection) -> bool:
    return connection.identity() in _confirmed()


def remember_confirmed(connection: PgConnection) -> None:
    known = _confirmed()
    if connection.identity() not in known:
        open_settings().setValue(CONFIRMED_KEY, json.dumps(known + [connection.identity()], ensure_ascii=False))


def _question(parent, title: str, text: str, yes: str, no: str) -> bool:
    """A plain-text question whose safe answer (no) is the default and Esc."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, "", QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    refuse = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    accept.setObjectName("allow")
    refuse.setObjectName("refuse")
    box.setDefaultButton(refuse)
    box.setEscapeButton(refuse)
    box.exec()
    return box.clickedButton() is accept


def confirm_connection(parent, connection: PgConnection, project_file: Path, layers: list[str]) -> bool:
    """Whether the planner lets the project connect to this database (asked once per connection)."""
    if is_confirmed(connection):
        return True
    rows = [(tr("主机"), shown(connection.host) if connection.host else tr("本机（默认）")),
            (tr("端口"), str(connection.port)), (tr("数据库"), shown(connection.dbname)),
            (tr("用户名"), shown(connection.user)), (tr("SSL 模式"), shown(connection.sslmode))]
    if connection.service:
        rows.append((tr("服务名（pg_service.conf）"), shown(connection.service)))
    chinese = getattr(parent, "lang", "zh") == "zh"
    names = ("、" if chinese else ", ").join(shown(name, 60) for name in layers[:SHOWN_PATHS]) \
        + ("…" if len(layers) > SHOWN_PATHS else "")
    text = (tr("项目文件要连接以下数据库：") + f"\n{shown(str(project_file), 200)}\n\n"
            + "\n".join(f"{label}{'：' if chinese else ': '}{value}" for label, value in rows)
            + "\n\n" + tr("图层：") + names + "\n\n"
            + tr("请只在您认识并信任此服务器时连接。连接时只使用本机为这一连接保存的密码（系统钥匙串或 .pgpass），"
                 "没有则询问您。确认后本机会记住此连接，以后打开不再询问。"))
    if not _question(parent, tr("连接项目中的数据库？"), text, tr("连接此数据库"), tr("不连接")):
        return False
    remember_confirmed(connection)
    return True


def allow_outside_files(parent, project_file: Path, found: list[tuple[str, Path]]) -> bool:
    """Whether the planner lets the project read these files outside its folder
    ((path as written, where it leads) each); asked each time the project opens."""
    lines = [f"{shown(written, 200)}  →  {shown(str(target), 200)}" for written, target in found[:SHOWN_PATHS]]
    if len(found) > SHOWN_PATHS:
        lines.append("…")
    text = (tr("项目文件要读取它所在文件夹以外的文件：") + f"\n{shown(str(project_file), 200)}\n\n"
            + "\n".join(lines) + "\n\n"
            + tr("项目文件通常只引用自己文件夹中的数据。如果您不清楚为什么要读取这些文件，请选择“跳过”：这些图层不会打开。"))
    return _question(parent, tr("读取项目文件夹以外的文件？"), text, tr("读取这些文件"), tr("跳过"))
