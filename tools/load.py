"""A bounded load on a running Odoo (`make load`, README "Scale").

Against `make run DB=burnout_bench WORKERS=2` (the benchmark's database, its
logins bench_manager_N and bench_hr_N, password = login), on 127.0.0.1:

1. the daily jobs are triggered (their ``nextcall`` set to now, as Odoo's
   administrator: Odoo's cron worker runs them while the load runs);
2. CLIENTS clients (threads), half line managers and half HR officers, each
   log in and send REQUESTS JSON-RPC list and read calls (open cases,
   prevention actions), one after the other;
3. the websocket of Odoo's gevent process is checked before and after: a
   message posted by one user reaches another over ``/websocket``.

It prints the errors and the latency percentiles, and exits 1 on any error.
Only the standard library, ``requests`` (one of Odoo's requirements) and
``websocket-client`` (a test requirement of the project) are used.
"""

# A command-line tool: its output is its table, printed.
# pylint: disable=print-used

import argparse
import json
import statistics
import sys
import threading
import time
import uuid

import requests

DAILY_JOBS = (
    "hr_burnout_prevention.ir_cron_absence_deadlines",
    "hr_burnout_prevention.ir_cron_prevention_daily",
    "hr_burnout_prevention.ir_cron_reintegration_apply_schedules",
    "hr_burnout_prevention.ir_cron_reintegration_checkins",
    "hr_burnout_prevention.ir_cron_hr_confidential_note_anonymise",
)
OPEN = [["state", "in", ["absent", "return_planned"]]]
CASE_SPEC = {
    "employee_id": {"fields": {"display_name": {}}},
    "date_start": {},
    "next_deadline": {},
    "next_deadline_name": {},
    "state": {},
}


class RpcError(Exception):
    pass


class Client:
    def __init__(self, url, db, login, password=None):
        self.url = url
        self.session = requests.Session()
        self.uid = self.call_path(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password or login},
        )["uid"]
        self.login = login

    def call_path(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
            timeout=120,
        )
        if response.status_code != 200:
            raise RpcError(f"HTTP {response.status_code} on {path}")
        body = response.json()
        if body.get("error"):
            error = body["error"].get("data", {}).get("message") or body["error"]
            raise RpcError(f"{path}: {error}")
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self.call_path(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


def percentile(values, fraction):
    """The value below which `fraction` of the sorted values lie (nearest
    rank)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(1, round(fraction * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def trigger_daily_jobs(url, db, password):
    admin = Client(url, db, "admin", password)
    ids = []
    for xmlid in DAILY_JOBS:
        module, name = xmlid.split(".")
        found = admin.call(
            "ir.model.data",
            "search_read",
            [["module", "=", module], ["name", "=", name]],
            ["res_id"],
        )
        ids += [row["res_id"] for row in found]
    now = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() - 60))
    admin.call("ir.cron", "write", ids, {"nextcall": now, "active": True})
    return admin, ids


def client_work(url, db, login, requests_count, latencies, errors, lock):
    try:
        client = Client(url, db, login)
    except (RpcError, requests.RequestException) as error:
        with lock:
            errors.append(f"{login}: login: {error}")
        return
    case_ids = []
    for index in range(requests_count):
        kind = index % 3
        start = time.perf_counter()
        try:
            if kind == 0:
                result = client.call(
                    "hr.absence.case",
                    "web_search_read",
                    OPEN,
                    CASE_SPEC,
                    limit=80,
                    offset=(index // 3 % 3) * 80,
                )
                case_ids = [row["id"] for row in result["records"]][:20]
            elif kind == 1:
                client.call(
                    "hr.absence.case",
                    "read",
                    case_ids,
                    ["employee_id", "date_start", "state", "next_deadline"],
                )
            else:
                client.call(
                    "hr.prevention.action",
                    "web_search_read",
                    [],
                    {"name": {}, "date_deadline": {}, "state": {}},
                    limit=80,
                )
        except (RpcError, requests.RequestException, ValueError) as error:
            with lock:
                errors.append(f"{login}: request {index}: {error}")
            continue
        with lock:
            latencies.append(time.perf_counter() - start)


def check_websocket(url, gevent_url, db):
    """One user posts in a chat with another, who is listening on the
    websocket of the gevent process: the message must arrive."""
    import websocket  # noqa: PLC0415

    listener = Client(url, db, "bench_hr_0")
    sender = Client(url, db, "bench_hr_1")
    partner = listener.call("res.users", "read", [listener.uid], ["partner_id"])[0][
        "partner_id"
    ][0]
    cookie = "; ".join(f"{k}={v}" for k, v in listener.session.cookies.items())
    ws = websocket.create_connection(
        gevent_url.replace("http", "ws", 1) + "/websocket",
        cookie=cookie,
        origin=url,
        timeout=20,
    )
    try:
        ws.send(
            json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}})
        )
        channel = sender.call("discuss.channel", "channel_get", partners_to=[partner])
        # Odoo 18 answers with the web client's store: {model: [values]}.
        channel_id = channel["discuss.channel"][0]["id"]
        text = f"bench {uuid.uuid4().hex}"
        sender.call(
            "discuss.channel",
            "message_post",
            channel_id,
            body=text,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        deadline = time.time() + 20
        while time.time() < deadline:
            frame = ws.recv()
            if text in frame:
                return True
        return False
    finally:
        ws.close()


def websocket_state(url, gevent_url, db, tries=1):
    """True, or why not. Before the load, a few tries: the gevent process
    loads the database's registry at its first request."""
    state = None
    for _try in range(tries):
        try:
            state = check_websocket(url, gevent_url, db)
        except Exception as error:  # noqa: BLE001
            state = f"failed: {error}"
        if state is True:
            break
    return state


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--gevent-url", help="default: the url's port + 3")
    parser.add_argument("--db", default="burnout_bench")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument("--no-jobs", action="store_true")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 100 or not 1 <= args.requests <= 1000:
        print(
            "error: give 1 to 100 clients and 1 to 1000 requests each", file=sys.stderr
        )
        return 2
    gevent_url = args.gevent_url
    if not gevent_url:
        host, port = args.url.rsplit(":", 1)
        gevent_url = f"{host}:{int(port) + 3}"
    ws_before = websocket_state(args.url, gevent_url, args.db, tries=3)
    print(f"websocket before the load: {ws_before}", flush=True)
    if not args.no_jobs:
        admin, cron_ids = trigger_daily_jobs(args.url, args.db, args.admin_password)
        print(f"daily jobs triggered: {len(cron_ids)}", flush=True)
    latencies, errors, lock = [], [], threading.Lock()
    logins = [
        f"bench_manager_{i // 2 % 5}" if i % 2 == 0 else f"bench_hr_{i // 2 % 5}"
        for i in range(args.clients)
    ]
    started = time.perf_counter()
    threads = [
        threading.Thread(
            target=client_work,
            args=(args.url, args.db, login, args.requests, latencies, errors, lock),
        )
        for login in logins
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    jobs_state = ""
    if not args.no_jobs:
        rows = admin.call("ir.cron", "read", cron_ids, ["nextcall", "lastcall"])
        ran = sum(1 for row in rows if row["lastcall"])
        jobs_state = f"; daily jobs run so far: {ran} of {len(rows)}"
    ws_after = websocket_state(args.url, gevent_url, args.db)
    total = args.clients * args.requests
    ms = [value * 1000 for value in latencies]
    print(
        f"{args.clients} clients x {args.requests} requests = {total} in "
        f"{elapsed:.1f} s ({len(latencies) / elapsed:.1f} requests/s){jobs_state}"
    )
    print(f"errors: {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")
    if ms:
        points = ", ".join(
            f"p{round(f * 100)} {percentile(ms, f):.0f}" for f in (0.5, 0.9, 0.95, 0.99)
        )
        print(
            f"latency ms: {points}, max {max(ms):.0f}, mean {statistics.mean(ms):.0f}"
        )
    print(f"websocket after the load: {ws_after}")
    ok = (
        not errors
        and len(latencies) == total
        and ws_before is True
        and ws_after is True
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
