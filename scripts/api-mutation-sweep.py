#!/usr/bin/env python3
"""Bounded mutation sweep of a running API on 127.0.0.1: takes valid requests to every POST endpoint
(JSON, CSV, MLflow, the upload form, training), mutates their bytes (flips, cuts, inserted quotes,
brackets, NULs, percent signs, boundaries...), sometimes their Content-Type or query, sends N of them
one at a time and reports every 5xx or broken connection. Exits 1 if there was one.

  scripts/api-mutation-sweep.py PORT PHISHING_CSV [SEED] [N] [API_KEY]

Start the server with a training key and a training file that does not exist, so that a mutated but
valid training request starts a job that fails at once (example in RELIABILITY.md). Schemathesis
(scripts/schemathesis.sh) generates from the OpenAPI schema; this sweep breaks the bytes under it.
"""
import http.client, random, sys, json, time
port = int(sys.argv[1])
random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
N = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
key = sys.argv[5] if len(sys.argv) > 5 else 'k-0123456789'
csv = b'\n'.join(open(sys.argv[2], 'rb').read().split(b'\n')[:3]) + b'\n'  # the header and two rows
hdr = csv.split(b'\n')[0].decode().split(','); row = csv.split(b'\n')[1].decode().split(',')
rec = {h: int(v) for h, v in zip(hdr, row)}
B = 'XyZ'
mp = (f'--{B}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n').encode() + csv + f'\r\n--{B}--\r\n'.encode()
bases = [
  ('POST', '/api/v1/predict', 'application/json', json.dumps({'records': [rec, rec]}).encode(), {}),
  ('POST', '/api/v1/predict?explain=true', 'application/json', json.dumps({'records': [rec]}).encode(), {}),
  ('POST', '/api/v1/predict', 'application/json', json.dumps({'columns': hdr, 'rows': [row, row]}).encode(), {}),
  ('POST', '/api/v1/predict/csv', 'text/csv', csv, {}),
  ('POST', '/invocations', 'application/json', json.dumps({'dataframe_split': {'columns': hdr, 'data': [row]}}).encode(), {}),
  ('POST', '/invocations', 'application/json', json.dumps({'dataframe_records': [rec]}).encode(), {}),
  ('POST', '/invocations', 'application/json', json.dumps({'inputs': {h: [v] for h, v in rec.items()}}).encode(), {}),
  ('POST', '/invocations', 'text/csv', csv, {}),
  ('POST', '/predict', f'multipart/form-data; boundary={B}', mp, {}),
  ('POST', '/api/v1/train', 'application/json', json.dumps({'models': ['logistic'], 'folds': 2, 'bootstrap': 10, 'seed': 1}).encode(), {'X-API-Key': key}),
]
specials = [b'\x00', b'\xff', b'"', b'{', b'}', b'[', b']', b',', b'\r\n', b'--', b'-' , b'1e999', b'null', b'\\', b'\\u0000', b'%', b';', b'=', b'\t', b'\xc3', b'\xe2\x80\xae']
ctypes = ['application/json', 'text/csv', 'text/plain', 'multipart/form-data; boundary=XyZ', 'application/json; charset=utf-16', 'text/csv; charset=iso-8859-1', 'application/*', '*/*', 'multipart/mixed; boundary=XyZ', 'application/x-www-form-urlencoded']
def mutate(b):
    b = bytearray(b)
    for _ in range(random.randint(1, 4)):
        op = random.random()
        if not b: b += random.choice(specials); continue
        i = random.randrange(len(b))
        if op < 0.3: b[i] = random.randrange(256)
        elif op < 0.5: b[i:i] = random.choice(specials)
        elif op < 0.65: del b[i:i + random.randint(1, 20)]
        elif op < 0.75: b = b[:i]
        elif op < 0.85: b[i:i] = b[max(0, i - 50):i] * random.randint(1, 5)
        else: b[i:i] = bytes(random.choice(specials)) * random.randint(1, 300)
    return bytes(b)
fails = {}; counts = {}
t0 = time.time()
for n in range(N):
    m, path, ct, body, extra = random.choice(bases)
    body = mutate(body) if random.random() < 0.9 else body
    if random.random() < 0.15: ct = random.choice(ctypes)
    if random.random() < 0.05: path = path + random.choice(['?explain=x', '?page=1', '?a=%', '/x', '?explain=true&explain=false'])
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=60)
    try:
        h = {'Content-Type': ct, **extra}
        c.request(m, path, body=body, headers=h)
        r = c.getresponse(); data = r.read(); st = r.status
    except Exception as e:
        st = 'EXC ' + type(e).__name__; data = b''
    finally:
        c.close()
    counts[st] = counts.get(st, 0) + 1
    if st == 'EXC' or (isinstance(st, int) and st >= 500) or isinstance(st, str):
        fails.setdefault(str(st) + ' ' + path, []).append((ct, body[:300], data[:200]))
print('requests', N, 'seconds', round(time.time() - t0), 'statuses', sorted(counts.items(), key=lambda x: str(x[0])))
for k, v in fails.items():
    print('FAIL', k, len(v)); print('   ', v[0])
sys.exit(1 if fails else 0)
