#!/usr/bin/env python3
"""Starts a server and times it from launch to its first 200 on a path, without forking a
client per attempt (a curl every 10 ms took CPU from the start it was timing on 2 cores).

    scripts/api_start.py --port 8080 --path /q/health/ready --log api.log -- java -jar app.jar
prints "PID MILLISECONDS" and leaves the server running; exits 1 if it is not ready in time.
"""
import argparse
import http.client
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/q/health/ready")
    parser.add_argument("--log", required=True)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    with open(args.log, "wb") as log:
        started = time.monotonic()
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = started + args.timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=1)
            connection.request("GET", args.path)
            if connection.getresponse().status == 200:
                print(server.pid, round((time.monotonic() - started) * 1000))
                return 0
        except (OSError, http.client.HTTPException):
            pass  # not listening yet, or not answering HTTP yet
        finally:
            connection.close()
        time.sleep(0.005)
    print(f"not ready in {args.timeout} s (exit code {server.poll()}); see {args.log}", file=sys.stderr)
    if server.poll() is None:
        server.kill()
    return 1


if __name__ == "__main__":
    sys.exit(main())
