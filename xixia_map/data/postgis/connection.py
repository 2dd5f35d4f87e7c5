"""PostGIS connections as QGIS makes them: host, port, database, user, SSL mode,
or a pg_service.conf service name. No password is ever part of one.

Where a connection comes from decides what it may do (`origin`):
- typed: the planner typed it (the PostGIS dialog, a postgresql:// URL on the
  command line). A password comes from the caller, the keyring entry saved for
  exactly this connection, or libpq's own sources (PGPASSWORD, ~/.pgpass, the
  service file), as libpq does for any program the planner runs.
- project: a project file named it. Nothing is contacted: `connect` refuses it
  (UnconfirmedConnection) until the planner has confirmed that host, port,
  database and user (ui/project_trust.py), which makes it
- confirmed: connected with every destination parameter given explicitly and
  an explicit password, so libpq never fills one in from the environment: the
  password is the caller's, the keyring entry saved for this exact connection,
  PGPASSWORD only where PGHOST/PGPORT/PGDATABASE/PGUSER name this very
  connection, or ~/.pgpass (whose lines libpq matches on host, port, database
  and user: the planner wrote them for those connections).

A password is never written to the project file, the settings or a log, and
never put in a URL.
"""
from __future__ import annotations

import getpass
import json
import logging
import os
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import DataError
from ..messages import say

log = logging.getLogger(__name__)

KEYRING_SERVICE = "xixia-map-postgis"
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
CONNECT_TIMEOUT_S = 8
TYPED, PROJECT, CONFIRMED = "typed", "project", "confirmed"
_FIELDS = ("host", "port", "dbname", "user", "sslmode", "service")


@dataclass(frozen=True)
class PgConnection:
    host: str = ""
    port: int = 5432
    dbname: str = ""
    user: str = ""
    sslmode: str = "prefer"
    service: str = ""  # a pg_service.conf entry; it may name any of the others
    # typed / project / confirmed (the module's docstring); not part of what the
    # connection is, so a project's connection equals the same one typed.
    origin: str = field(default=TYPED, compare=False)

    def confirmed(self) -> "PgConnection":
        """This connection, as the planner confirmed it."""
        return replace(self, origin=CONFIRMED)

    def identity(self) -> str:
        """Every parameter that decides where the connection goes and as whom,
        unambiguously (no separator a host or user name could forge): what a
        confirmation and a keyring entry are keyed by."""
        return json.dumps([self.host, self.port, self.dbname, self.user, self.sslmode, self.service],
                          ensure_ascii=False)

    def params(self) -> dict:
        """libpq parameters, without a password."""
        out = {"connect_timeout": str(CONNECT_TIMEOUT_S), "application_name": "xixia-map"}
        if self.service:
            out["service"] = self.service
        for key in ("host", "dbname", "user"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.host or not self.service:
            out["port"] = str(self.port)
        if self.sslmode and self.sslmode != "prefer":
            out["sslmode"] = self.sslmode
        return out

    def label(self) -> str:
        """How the connection is named to the planner: never with a password, and
        with what a project file wrote made visible (shown)."""
        if self.service and not self.host:
            return f"service={shown(self.service)}" + (f"/{shown(self.dbname)}" if self.dbname else "")
        who = f"{shown(self.user)}@" if self.user else ""
        return f"{who}{shown(self.host) if self.host else 'localhost'}:{self.port}/{shown(self.dbname)}"

    def explicit_params(self) -> dict:
        """libpq parameters with every destination parameter given, empty ones too:
        libpq fills a parameter from PGHOST, PGUSER, … only where none is given.
        A service's own entries are the planner's pg_service.conf, so they stay."""
        out = self.params()
        if not self.service:
            out.update(host=self.host, port=str(self.port), dbname=self.dbname, user=self.user)
        out["sslmode"] = self.sslmode
        return out

    def keyring_user(self) -> str:
        return self.identity()

    def to_project(self) -> dict:
        out = asdict(self)
        del out["origin"]
        return out

    @classmethod
    def from_project(cls, data) -> "PgConnection":
        """The connection a project file names, which nothing contacts until the
        planner confirms it; one DataError for a malformed one."""
        if not isinstance(data, dict):
            raise DataError(None, say("the layer's database connection is not a set of named values",
                                      "图层的数据库连接格式不正确"))
        known = {}
        for key in _FIELDS:
            if key not in data or data[key] is None:
                continue
            value = data[key]
            if key == "port":
                if isinstance(value, str) and value.strip().isdigit():
                    value = int(value)
                if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
                    raise DataError(None, say(f"the database port {shown(value)} is not a number from 1 to 65535",
                                              f"数据库端口 {shown(value)} 不是 1 到 65535 之间的数"))
            elif not isinstance(value, str) or len(value) > 1000 or "\0" in value:
                raise DataError(None, say(f"the database connection's {key} {shown(value)} is not a name",
                                          f"数据库连接的 {key} {shown(value)} 不是有效的名称"))
            elif key == "sslmode" and value not in SSL_MODES:
                raise DataError(None, say(f"unknown sslmode {shown(value)}", f"未知的 sslmode：{shown(value)}"))
            known[key] = value
        return cls(**known, origin=PROJECT)


def shown(value, limit: int = 80) -> str:
    """A value from a file as one line the planner can read and nobody can forge:
    control, format (bidi) and line-separator characters as \\uXXXX escapes, long text cut."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    out = "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") else ch
                  for ch in text)
    return out if len(out) <= limit else out[:limit] + "…"


def environment_password(connection: PgConnection) -> str | None:
    """PGPASSWORD, for the one connection the environment itself names and no other:
    PGHOST, PGPORT (5432), PGUSER (the login name) and PGDATABASE (the user), as
    libpq reads them. Without PGHOST the environment names no server a project could."""
    env = os.environ
    secret, host = env.get("PGPASSWORD"), env.get("PGHOST")
    if not secret or not host or connection.service:
        return None
    try:
        login = getpass.getuser()
    except Exception:  # no login name (a container without a passwd entry)
        login = ""
    user = env.get("PGUSER") or login
    wanted = (host, env.get("PGPORT") or "5432", user, env.get("PGDATABASE") or user)
    mine_user = connection.user or login
    if (connection.host, str(connection.port), mine_user, connection.dbname or mine_user) != wanted:
        return None
    return secret


class UnconfirmedConnection(DataError):
    """A project file's connection the planner has not confirmed: not contacted."""

    def __init__(self, connection: PgConnection):
        super().__init__(connection.label(), say(
            "the project file names this database, which you have not confirmed: it was not contacted",
            "项目文件指定了此数据库连接，您尚未确认，因此没有连接"))


def parse_url(url: str) -> tuple[PgConnection, str | None, str]:
    """`postgresql://USER@HOST:PORT/DB?table=SCHEMA.NAME` (or `?service=NAME&table=…`)
    as (connection, schema, table). A name with a dot in it is written in double
    quotes (`table="planning"."my.table"`) or with `&schema=planning&table=my.table`;
    an unquoted name of three dotted parts is matched against the tables there
    (schema None, browse.find_table). A password in the URL is refused, not used."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise DataError(None, say(f"not a PostgreSQL URL: {url}", f"不是 PostgreSQL 地址：{url}"))
    if parts.password is not None:
        raise DataError(None, say("the URL holds a password: give it through the keyring or PGPASSWORD instead, "
                                  "so it does not end up in a shell history or a log",
                                  "地址中含有密码：请改用系统钥匙串或 PGPASSWORD 提供密码，以免密码留在命令历史或日志中"))
    from .browse import split_qualified

    query = parse_qs(parts.query)
    table = (query.get("table") or [""])[0]
    if not table:
        raise DataError(None, say("the URL names no table: add ?table=SCHEMA.NAME",
                                  "地址中未指定数据表：请加上 ?table=模式名.表名"))
    schema: str | None  # None: to be matched (browse.find_table)
    if query.get("schema"):
        schema, name = query["schema"][0], table
    else:
        schema, name = split_qualified(table)
    try:
        port = parts.port or 5432
    except ValueError:
        raise DataError(None, say("the URL's port is not a number", "地址中的端口不是数字")) from None
    sslmode = (query.get("sslmode") or ["prefer"])[0]
    if sslmode not in SSL_MODES:
        raise DataError(None, say(f"unknown sslmode {sslmode}", f"未知的 sslmode：{sslmode}"))
    connection = PgConnection(host=unquote(parts.hostname or ""), port=port, dbname=unquote(parts.path.lstrip("/")),
                              user=unquote(parts.username or ""), sslmode=sslmode,
                              service=(query.get("service") or [""])[0])
    return connection, schema, name


def stored_password(connection: PgConnection) -> str | None:
    """The password the keyring holds for this connection, or None (none saved, or no keyring here)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, connection.keyring_user())
    except Exception:  # no backend on a headless machine, a locked store: ask instead
        log.warning("no password from the keyring", exc_info=True)
        return None


def store_password(connection: PgConnection, password: str) -> bool:
    """Keep the password in the keyring; False where there is no usable keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, connection.keyring_user(), password)
        return True
    except Exception:  # the caller says the password was not kept
        log.warning("the keyring did not keep the password", exc_info=True)
        return False


class PasswordRefused(DataError):
    """The server wants a password and was given none, or a wrong one."""


def _explain(connection: PgConnection, exc: Exception) -> DataError:
    text = str(exc)
    lower = text.lower()
    label = connection.label()
    if "password authentication failed" in lower or "no password supplied" in lower:
        return PasswordRefused(label, say("the password was refused (wrong password, or none given)",
                                          "密码错误或未提供密码"))
    if "does not exist" in lower and "database" in lower:
        return DataError(label, say(f"the server has no database '{shown(connection.dbname)}'",
                                    f"服务器上没有数据库“{shown(connection.dbname)}”"))
    if "role" in lower and "does not exist" in lower:
        return DataError(label, say(f"the server has no user '{shown(connection.user)}'",
                                    f"服务器上没有用户“{shown(connection.user)}”"))
    if "timeout" in lower or "timed out" in lower:
        return DataError(label, say(f"the server did not answer within {CONNECT_TIMEOUT_S} s",
                                    f"服务器在 {CONNECT_TIMEOUT_S} 秒内没有响应"))
    if "connection refused" in lower or "could not connect" in lower or "could not translate" in lower \
            or "no route" in lower or "connection to server" in lower:
        return DataError(label, say("cannot reach the server (not running, wrong host or port, or blocked)",
                                    "无法连接到服务器（服务器未运行、主机或端口有误，或被防火墙阻止）"))
    if "service" in lower and ("not found" in lower or "definition" in lower):
        return DataError(label, say(f"pg_service.conf has no service '{shown(connection.service)}'",
                                    f"pg_service.conf 中没有服务“{shown(connection.service)}”"))
    if "permission denied" in lower:
        return DataError(label, say("the user has no right to connect to this database",
                                    "该用户没有连接此数据库的权限"))
    first = shown(text.strip().splitlines()[0], 200) if text.strip() else type(exc).__name__
    return DataError(label, say(f"cannot connect ({first})", f"无法连接数据库（{first}）"))


def connect(connection: PgConnection, password: str | None = None, *, require_postgis: bool = True,
            autocommit: bool = False):
    """An open psycopg connection, or one DataError saying what is wrong, in the
    planner's words. The password is handed to libpq directly, not formatted
    into any text."""
    import psycopg

    if connection.origin not in (TYPED, CONFIRMED):
        raise UnconfirmedConnection(connection)
    secret = password if password is not None else stored_password(connection)
    if connection.origin == CONFIRMED:
        # Explicit, so libpq takes nothing from PGPASSWORD, PGHOST, … or a service
        # file's password; an empty password still lets it read ~/.pgpass.
        params = connection.explicit_params()
        if secret is None:
            secret = environment_password(connection)
        params["password"] = secret or ""
    else:
        params = connection.params()
        if secret is not None:
            params["password"] = secret
    try:
        conn = psycopg.connect(**params, autocommit=autocommit)
    except psycopg.Error as exc:
        raise _explain(connection, exc) from None
    if require_postgis:
        try:
            found = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'postgis'").fetchone()
            if not autocommit:
                conn.rollback()  # leave the connection idle, as it came
        except psycopg.Error as exc:
            conn.close()
            raise _explain(connection, exc) from None
        if found is None:
            conn.close()
            raise DataError(connection.label(), say(
                "the database has no PostGIS extension (an administrator runs CREATE EXTENSION postgis)",
                "该数据库未安装 PostGIS 扩展（需由管理员执行 CREATE EXTENSION postgis）"))
    return conn
