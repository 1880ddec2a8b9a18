"""The canned query catalog: one ``.cypher`` file per query, described by its header.

Header lines (``//`` comments before the Cypher):

    // name: concept_neighbors
    // description: A concept's strongest co-occurring neighbours, by association strength.
    // param: concept: concept -- a concept name, key or alias
    // param: limit: int = 20 -- rows to return
    // example: {"concept": "continual learning", "limit": 10}

Parameter types: ``int``, ``float``, ``string`` (``?`` makes it nullable), and the
graph kinds ``concept``, ``author``, ``paper`` and ``work``, which the runner resolves to
node keys the same way for both backends.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from conceptgraph.errors import UsageError

_PARAM = re.compile(r"^(\w+):\s*(\w+)(\?)?\s*(?:=\s*(\S+))?\s*(?:--\s*(.*))?$")
TYPES = {"int", "float", "string", "concept", "author", "paper", "work"}
_MISSING = object()


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    nullable: bool
    default: Any = _MISSING
    help: str = ""

    @property
    def required(self) -> bool:
        return self.default is _MISSING

    def as_dict(self) -> dict:
        out = {"name": self.name, "type": self.type, "nullable": self.nullable, "help": self.help}
        out["required"] = self.required
        if not self.required:
            out["default"] = self.default
        return out


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    cypher: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    example: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "description": self.description,
            "params": [p.as_dict() for p in self.params],
            "example": self.example,
        }


def _parse_default(raw: str | None, ptype: str) -> Any:
    if raw is None:
        return _MISSING
    if raw == "null":
        return None
    return coerce(Param("default", ptype, True), raw)


def parse(text: str, filename: str) -> Query:
    meta: dict[str, Any] = {"params": [], "example": {}}
    body: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("//") and not body:
            key, _, value = stripped[2:].strip().partition(":")
            value = value.strip()
            if key == "param":
                m = _PARAM.match(value)
                if not m or m.group(2) not in TYPES:
                    raise ValueError(f"{filename}: bad param line {value!r}")
                name, ptype, nullable, default, help_ = m.groups()
                meta["params"].append(Param(name, ptype, bool(nullable), _parse_default(default, ptype), help_ or ""))
            elif key == "example":
                meta["example"] = json.loads(value)
            elif key in ("name", "description"):
                meta[key] = value
        elif stripped or body:
            body.append(line)
    if "name" not in meta:
        raise ValueError(f"{filename}: missing '// name:' header")
    return Query(
        meta["name"], meta.get("description", ""), "\n".join(body).strip(), tuple(meta["params"]), meta["example"]
    )


@functools.lru_cache(maxsize=1)
def catalog() -> dict[str, Query]:
    """Every canned query, by name, read from the package's .cypher files."""
    out = {}
    for entry in sorted(resources.files("queries.cypher").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            q = parse(entry.read_text(encoding="utf-8"), entry.name)
            out[q.name] = q
    return out


def get(name: str) -> Query:
    queries = catalog()
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(f"unknown query {name!r}{hint} (`conceptgraph queries` lists them)")


def coerce(param: Param, value: Any) -> Any:
    """Turn a command-line string (or JSON value) into the parameter's type."""
    if value is None or (isinstance(value, str) and value == "null" and param.nullable):
        if not param.nullable:
            raise UsageError(f"parameter {param.name!r} may not be null")
        return None
    try:
        if param.type == "int":
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            return int(value)
        if param.type == "float":
            return float(value)
    except (TypeError, ValueError) as e:
        raise UsageError(f"parameter {param.name!r} must be {param.type}, got {value!r}") from e
    return str(value)


def bind(query: Query, raw: dict[str, Any]) -> dict[str, Any]:
    """Check and type parameters: unknown, missing and ill-typed ones are usage errors."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise UsageError(
            f"query {query.name!r} has no parameter {unknown[0]!r}; its parameters: {', '.join(known) or 'none'}"
        )
    out = {}
    for p in query.params:
        if p.name in raw:
            out[p.name] = coerce(p, raw[p.name])
        elif p.required:
            raise UsageError(f"query {query.name!r} needs parameter {p.name!r} ({p.type}): -p {p.name}=VALUE")
        else:
            out[p.name] = p.default
    return out
