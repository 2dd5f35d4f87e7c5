"""PostGIS connections as QGIS makes them: host, port, database, user, SSL mode,
or a pg_service.conf service name. No password is ever part of one.

A password comes, in this order, from the caller (the planner typed it), from
the operating system's keyring (the `keyring` package: the desktop's secret
store, never a file of ours), or from libpq's own sources (PGPASSWORD,
~/.pgpass, the service file). It is never written to the project file, the
settings or a log, and never put in a URL.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import DataError
from ..messages import say

KEYRING_SERVICE = "xixia-map-postgis"
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
CONNECT_TIMEOUT_S = 8


@dataclass(frozen=True)
class PgConnection:
    host: str = ""
    port: int = 5432
    dbname: str = ""
    user: str = ""
    sslmode: str = "prefer"
    service: str = ""  # a pg_service.conf entry; it may name any of the others

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
        """How the connection is named to the planner: never with a password."""
        if self.service and not self.host:
            return f"service={self.service}" + (f"/{self.dbname}" if self.dbname else "")
        who = f"{self.user}@" if self.user else ""
        return f"{who}{self.host or 'localhost'}:{self.port}/{self.dbname}"

    def keyring_user(self) -> str:
        return self.label()

    def to_project(self) -> dict:
        return asdict(self)

    @classmethod
    def from_project(cls, data: dict) -> "PgConnection":
        known = {k: data[k] for k in ("host", "port", "dbname", "user", "sslmode", "service") if k in data}
        if "port" in known:
            known["port"] = int(known["port"])
        return cls(**known)


def parse_url(url: str) -> tuple[PgConnection, str, str]:
    """`postgresql://USER@HOST:PORT/DB?table=SCHEMA.NAME` (or `?service=NAME&table=…`)
    as (connection, schema, table). A password in the URL is refused, not used."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise DataError(None, say(f"not a PostgreSQL URL: {url}", f"不是 PostgreSQL 地址：{url}"))
    if parts.password is not None:
        raise DataError(None, say("the URL holds a password: give it through the keyring or PGPASSWORD instead, "
                                  "so it does not end up in a shell history or a log",
                                  "地址中含有密码：请改用系统钥匙串或 PGPASSWORD 提供密码，以免密码留在命令历史或日志中"))
    query = parse_qs(parts.query)
    table = (query.get("table") or [""])[0]
    schema, _, name = table.rpartition(".")
    if not name:
        raise DataError(None, say("the URL names no table: add ?table=SCHEMA.NAME",
                                  "地址中未指定数据表：请加上 ?table=模式名.表名"))
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
    return connection, schema or "public", name


def stored_password(connection: PgConnection) -> str | None:
    """The password the keyring holds for this connection, or None (none saved, or no keyring here)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, connection.keyring_user())
    except Exception:  # no backend on a headless machine, a locked store: ask instead
        return None


def store_password(connection: PgConnection, password: str) -> bool:
    """Keep the password in the keyring; False where there is no usable keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, connection.keyring_user(), password)
        return True
    except Exception:
        return False


def _explain(connection: PgConnection, exc: Exception) -> DataError:
    text = str(exc)
    lower = text.lower()
    label = connection.label()
    if "password authentication failed" in lower or "no password supplied" in lower:
        return DataError(label, say("the password was refused (wrong password, or none given)",
                                    "密码错误或未提供密码"))
    if "does not exist" in lower and "database" in lower:
        return DataError(label, say(f"the server has no database '{connection.dbname}'",
                                    f"服务器上没有数据库“{connection.dbname}”"))
    if "role" in lower and "does not exist" in lower:
        return DataError(label, say(f"the server has no user '{connection.user}'",
                                    f"服务器上没有用户“{connection.user}”"))
    if "timeout" in lower or "timed out" in lower:
        return DataError(label, say(f"the server did not answer within {CONNECT_TIMEOUT_S} s",
                                    f"服务器在 {CONNECT_TIMEOUT_S} 秒内没有响应"))
    if "connection refused" in lower or "could not connect" in lower or "could not translate" in lower \
            or "no route" in lower or "connection to server" in lower:
        return DataError(label, say("cannot reach the server (not running, wrong host or port, or blocked)",
                                    "无法连接到服务器（服务器未运行、主机或端口有误，或被防火墙阻止）"))
    if "service" in lower and ("not found" in lower or "definition" in lower):
        return DataError(label, say(f"pg_service.conf has no service '{connection.service}'",
                                    f"pg_service.conf 中没有服务“{connection.service}”"))
    if "permission denied" in lower:
        return DataError(label, say("the user has no right to connect to this database",
                                    "该用户没有连接此数据库的权限"))
    return DataError(label, say(f"cannot connect ({text.strip().splitlines()[0][:200] if text.strip() else type(exc).__name__})",
                                "无法连接数据库（" + (text.strip().splitlines()[0][:200] if text.strip() else
                                                       type(exc).__name__) + "）"))


def connect(connection: PgConnection, password: str | None = None, *, require_postgis: bool = True,
            autocommit: bool = False):
    """An open psycopg connection, or one DataError saying what is wrong, in the
    planner's words. The password is handed to libpq directly, not formatted
    into any text."""
    import psycopg

    params = connection.params()
    secret = password if password is not None else stored_password(connection)
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
