#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The tidlig contributors
# SPDX-License-Identifier: EUPL-1.2
# Run against a running demo: bin/tidlig demo --citizens N, then python3 page-times.py
"""Page-load times of the caseworkers' application against a running demo (bin/tidlig demo --citizens N)."""
import base64, http.cookiejar, json, re, statistics, sys, time, urllib.request, urllib.parse

BASE = "http://127.0.0.1:8080"
def opener():
    jar = http.cookiejar.CookieJar()
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k): return None
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

def call(o, path, data=None, headers=None):
    req = urllib.request.Request(BASE + path, data=data, headers=headers or {})
    try:
        with o.open(req) as r: return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e: return e.code, e.read().decode("utf-8", "replace")

def timed(o, path, n=30, **kw):
    call(o, path, **kw)  # warm
    ts = []
    for _ in range(n):
        t = time.perf_counter(); st, body = call(o, path, **kw); ts.append((time.perf_counter() - t) * 1000)
        assert st == 200, (path, st, body[:300])
    ts.sort()
    return {"p50": round(statistics.median(ts), 1), "p95": round(ts[int(len(ts) * 0.95) - 1], 1)}

def sign_in(user):
    o = opener()
    st, page = call(o, "/app/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    st, _ = call(o, "/app/login", data=urllib.parse.urlencode({"csrf": csrf, "username": user, "password": "demo", "return": "/app/"}).encode())
    assert st in (302, 303), st
    return o

lead = sign_in("teamleder")
st, page = call(lead, "/app/")
families = re.findall(r'href="/app/family/(F-[B-Z]{5}-[B-Z]{5})"', page)
counts = re.search(r'<p id="counts"><strong>([^<]+)', page).group(1)
family = families[0]
out = {"counts": counts, "worklist": timed(lead, "/app/"), "worklist_page2_sorted": timed(lead, "/app/?sort=age&dir=asc&page=2"),
       "family_pseudonymous": timed(lead, "/app/family/" + family)}
csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
st, _ = call(lead, "/app/family/" + family + "/open", data=urllib.parse.urlencode({"csrf": csrf, "purpose": "CASE_REVIEW"}).encode())
assert st == 303, st
out["case_page"] = timed(lead, "/app/family/" + family)
out["statistics"] = timed(lead, "/app/statistics", n=10)
basic = "Basic " + base64.b64encode(b"teamleder:demo").decode()
st, body = call(opener(), "/api/v1/tokens", data=b"{}", headers={"Authorization": basic, "Content-Type": "application/json"})
token = json.loads(body)["token"]
out["api_worklist_bearer"] = timed(opener(), "/api/v1/worklist", headers={"Authorization": "Bearer " + token})
out["api_family_bearer"] = timed(opener(), "/api/v1/families/" + family, headers={"Authorization": "Bearer " + token})
auditor = sign_in("revisor")
out["audit_trail"] = timed(auditor, "/app/audit", n=10)
print(json.dumps(out, ensure_ascii=False))
