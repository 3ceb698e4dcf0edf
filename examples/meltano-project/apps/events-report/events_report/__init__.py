"""events-report: the example project's own data app (a long-running Meltano service).

`events-report serve` answers over HTTP (Python's standard library) on --host/--port:

- GET /healthz: "ok" (no token; what a health check may call);
- GET /events with "Authorization: Bearer <viewer token>": the events a schedule loaded, read from
  its runs' output in the environment's artifacts bucket (<artifacts>/runs/schedules/<schedule>/
  <run>/output/events/events.jsonl, what MeltanoData's run wrapper copies there), as JSON: runs,
  event count, last id and count per kind. Any other token: 401.

The viewer token is required (Meltano setting viewer_token, a project secret); only its SHA-256
prefix is ever logged.
"""
import argparse
import collections
import hashlib
import hmac
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

OUTPUT = "/output/events/events.jsonl"
# Meltano passes the setting viewer_token to the plugin as this variable
TOKEN = "EVENTS_REPORT_VIEWER_TOKEN"


def loaded_events(artifacts_uri, schedule):
    import boto3

    uri = urlparse(artifacts_uri)
    prefix = (uri.path.lstrip("/") + "runs/schedules/%s/" % schedule).lstrip("/")
    s3 = boto3.client("s3")
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=uri.netloc, Prefix=prefix):
        keys += [o["Key"] for o in page.get("Contents", []) if o["Key"].endswith(OUTPUT)]
    events = []
    for key in sorted(keys):
        body = s3.get_object(Bucket=uri.netloc, Key=key)["Body"].read().decode("utf-8")
        events += [json.loads(line) for line in body.splitlines() if line.strip()]
    return {"schedule": schedule, "runs": len(keys), "events": len(events),
            "last_id": max((e["id"] for e in events), default=None),
            "by_kind": dict(sorted(collections.Counter(e["kind"] for e in events).items()))}


def handler(token, artifacts_uri, schedule):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/healthz":
                return self.reply(200, "text/plain", b"ok\n")
            if self.path != "/events":
                return self.reply(404, "text/plain", b"not found\n")
            given = self.headers.get("Authorization", "")
            if not hmac.compare_digest(given.encode(), ("Bearer " + token).encode()):
                return self.reply(401, "text/plain", b"a viewer token is required\n")
            body = json.dumps(loaded_events(artifacts_uri, schedule), sort_keys=True).encode()
            self.reply(200, "application/json", body)

        def reply(self, status, content_type, body):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt, *args):
            print("events-report: " + fmt % args, file=sys.stderr, flush=True)

    return Handler


def main():
    parser = argparse.ArgumentParser(prog="events-report")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve")
    serve.add_argument("--host", required=True)
    serve.add_argument("--port", type=int, required=True)
    serve.add_argument("--artifacts", required=True, help="s3://bucket/prefix/ of the environment's artifacts")
    serve.add_argument("--schedule", required=True)
    args = parser.parse_args()
    token = os.environ.get(TOKEN, "")
    if len(token) < 16:
        print("events-report: the viewer token (%s) is missing or shorter than 16 characters" % TOKEN,
              file=sys.stderr)
        return 1
    server = ThreadingHTTPServer((args.host, args.port), handler(token, args.artifacts, args.schedule))
    print("events-report: serving %s on %s:%d, viewer token sha256 %s"
          % (args.schedule, args.host, args.port, hashlib.sha256(token.encode()).hexdigest()[:12]),
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
