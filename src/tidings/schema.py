"""JSON Schema of the public records, generated from the dataclasses.

``python -m tidings.schema schema/`` rewrites the files kept in the repository;
a test checks that they match the code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from tidings.records import Document, Event, EventCluster, Rejected

SCHEMAS: dict[str, type] = {
    "event": Event,
    "document": Document,
    "event_cluster": EventCluster,
    "rejected": Rejected,
}


def json_schema(record: type) -> dict[str, Any]:
    schema = TypeAdapter(record).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://tidings.dev/schema/{record.__name__.lower()}.schema.json"
    return schema


def render(name: str) -> str:
    return json.dumps(json_schema(SCHEMAS[name]), indent=2, sort_keys=True) + "\n"


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "schema")):
        print(p)
