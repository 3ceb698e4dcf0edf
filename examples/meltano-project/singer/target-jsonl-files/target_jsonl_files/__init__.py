"""target-jsonl-files: the example project's own Singer target (stdlib only).

Appends each stream's records to <destination_path>/<stream>.jsonl and, once they are written,
emits the tap's latest STATE so that Meltano saves it (state is only saved after the data is).
"""
import argparse
import json
import os
import sys


def main():
    parser = argparse.ArgumentParser(prog="target-jsonl-files")
    parser.add_argument("--config", required=True)
    args = parser.parse_args()
    with open(args.config, encoding="utf-8") as f:
        config = json.load(f)
    destination = config.get("destination_path")
    if not destination:
        print("target-jsonl-files: destination_path is not set", file=sys.stderr)
        return 1
    os.makedirs(destination, exist_ok=True)
    files, state, count = {}, None, 0
    try:
        for line in sys.stdin:
            message = json.loads(line)
            kind = message.get("type")
            if kind == "RECORD":
                stream = message["stream"]
                if stream not in files:
                    files[stream] = open(os.path.join(destination, stream + ".jsonl"), "a", encoding="utf-8")
                files[stream].write(json.dumps(message["record"], sort_keys=True) + "\n")
                count += 1
            elif kind == "STATE":
                state = message["value"]
    finally:
        for f in files.values():
            f.close()
    print("target-jsonl-files: wrote %d records to %s" % (count, destination), file=sys.stderr)
    if state is not None:
        sys.stdout.write(json.dumps(state) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
