"""tap-events: the example project's own Singer tap (stdlib only).

Reads the product events of the example's event source, oldest first, at most
`max_records_per_run` per run, and bookmarks the last id it emitted, so the next run resumes
after it (incremental replication). The API key is required and checked for shape; only its
SHA-256 prefix is ever logged.
"""
import argparse
import hashlib
import json
import re
import sys

STREAM = "events"
KEY_SHAPE = re.compile(r"evk_[A-Za-z0-9]{16,}")
SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "occurred_at": {"type": "string", "format": "date-time"},
        "kind": {"type": "string"},
        "account": {"type": "string"},
    },
}
# The event source: deterministic, so a run's output can be checked.
EVENTS = [
    {"id": i, "occurred_at": "2026-11-%02dT%02d:00:00Z" % (1 + i // 24, i % 24),
     "kind": ("signup", "login", "purchase", "logout")[i % 4], "account": "acct-%03d" % (i % 7)}
    for i in range(1, 11)
]


def emit(message):
    sys.stdout.write(json.dumps(message) + "\n")


def catalog():
    return {"streams": [{"tap_stream_id": STREAM, "stream": STREAM, "schema": SCHEMA, "key_properties": ["id"],
                         "replication_key": "id", "replication_method": "INCREMENTAL",
                         "metadata": [{"breadcrumb": [], "metadata": {"selected": True, "inclusion": "available",
                                                                       "table-key-properties": ["id"],
                                                                       "valid-replication-keys": ["id"]}}]}]}


def read_json(path, default):
    if not path:
        return default
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    parser = argparse.ArgumentParser(prog="tap-events")
    parser.add_argument("--config", required=True)
    parser.add_argument("--state")
    parser.add_argument("--catalog")
    parser.add_argument("--properties")
    parser.add_argument("--discover", action="store_true")
    args = parser.parse_args()
    config = read_json(args.config, {})
    if args.discover:
        emit(catalog())
        return 0
    key = config.get("api_key") or ""
    if not KEY_SHAPE.fullmatch(key):
        print("tap-events: api_key is missing or not an events API key (expected evk_ and 16+ letters or digits)",
              file=sys.stderr)
        return 1
    print("tap-events: authenticated, key sha256 %s" % hashlib.sha256(key.encode()).hexdigest()[:12], file=sys.stderr)
    state = read_json(args.state, {})
    after = int(state.get("bookmarks", {}).get(STREAM, {}).get("id", 0))
    limit = int(config.get("max_records_per_run", 6))
    batch = [e for e in EVENTS if e["id"] > after][:limit]
    print("tap-events: resuming after id %d, %d new events" % (after, len(batch)), file=sys.stderr)
    emit({"type": "SCHEMA", "stream": STREAM, "schema": SCHEMA, "key_properties": ["id"], "bookmark_properties": ["id"]})
    for event in batch:
        emit({"type": "RECORD", "stream": STREAM, "record": event})
    last = batch[-1]["id"] if batch else after
    emit({"type": "STATE", "value": {"bookmarks": {STREAM: {"id": last}}}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
