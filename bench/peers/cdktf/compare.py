#!/usr/bin/env python3
"""Compares cdktf's synthesized stack with pipectl's rendered output, resource by resource.

    python3 bench/peers/cdktf/compare.py PIPECTL_OUT CDKTF_OUT

PIPECTL_OUT is the folder `pipectl render ... -o` wrote (*.tf.json); CDKTF_OUT is synth.js's
OUTDIR (its stacks/beer-bench/cdk.tf.json is read). Prints the resource and output addresses that
only one side has, then every attribute that differs on resources both have, after normalising
what is only notation: cdktf's "//" metadata, one-element lists of blocks versus bare blocks, and
IAM policies (pipectl's aws_iam_policy_document data sources versus cdktf's JSON strings) compared
as policy documents. The Lambda archive path and hash are expected to differ and are not compared.
Exits 0 when nothing else differs.
"""
import glob
import json
import os
import re
import sys

IGNORED = {("aws_lambda_function", "filename"), ("aws_lambda_function", "source_code_hash")}
DOC_REF = re.compile(r"^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_]+)\.json\}$")


def load_pipectl(folder):
    merged = {"resource": {}, "data": {}, "output": {}}
    for path in sorted(glob.glob(os.path.join(folder, "*.tf.json"))):
        with open(path) as f:
            doc = json.load(f)
        for block in merged:
            for key, value in doc.get(block, {}).items():
                if block == "output":
                    merged[block][key] = value
                else:
                    merged[block].setdefault(key, {}).update(value)
    return merged


def one(values):
    return values[0] if len(values) == 1 else sorted(values)


def statement_to_iam(st):
    out = {"Effect": st.get("effect", "Allow")}
    if "sid" in st:
        out["Sid"] = st["sid"]
    if "actions" in st:
        out["Action"] = one(st["actions"])
    if "resources" in st:
        out["Resource"] = one(st["resources"])
    for p in st.get("principals", []):
        if p["type"] == "*" and p["identifiers"] == ["*"]:
            out["Principal"] = "*"
        else:
            out.setdefault("Principal", {})[p["type"]] = one(p["identifiers"])
    for c in st.get("condition", []):
        out.setdefault("Condition", {}).setdefault(c["test"], {})[c["variable"]] = one(c["values"])
    return out


def normalise_policy(doc):
    statements = doc["Statement"] if isinstance(doc["Statement"], list) else [doc["Statement"]]
    norm = []
    for st in statements:
        st = dict(st)
        for key in ("Action", "Resource"):
            if isinstance(st.get(key), list):
                st[key] = one(st[key])
        norm.append(st)
    return sorted(norm, key=lambda s: s.get("Sid", ""))


def normalise(value):
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items() if k != "//"}
    if isinstance(value, list):
        items = [normalise(v) for v in value]
        return items[0] if len(items) == 1 and isinstance(items[0], dict) else items
    return value


def diff(path, a, b, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a:
                out.append(f"{path}.{key}: only cdktf: {json.dumps(b[key])[:200]}")
            elif key not in b:
                out.append(f"{path}.{key}: only pipectl: {json.dumps(a[key])[:200]}")
            else:
                diff(f"{path}.{key}", a[key], b[key], out)
    elif a != b:
        out.append(f"{path}: pipectl {json.dumps(a)[:200]} != cdktf {json.dumps(b)[:200]}")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: compare.py PIPECTL_OUT CDKTF_OUT")
    pipectl = load_pipectl(sys.argv[1])
    with open(os.path.join(sys.argv[2], "stacks", "beer-bench", "cdk.tf.json")) as f:
        cdktf = json.load(f)
    docs = pipectl["data"].get("aws_iam_policy_document", {})

    def resolve_docs(rtype, body):
        body = dict(body)
        for key in ("policy", "assume_role_policy"):
            if key in body:
                m = DOC_REF.match(body[key])
                if m:
                    doc = docs[m.group(1)]
                    body[key] = normalise_policy(
                        {"Statement": [statement_to_iam(s) for s in doc["statement"]]})
                else:
                    body[key] = normalise_policy(json.loads(body[key]))
        return body

    problems = []
    a_res = {(t, n): b for t, v in pipectl["resource"].items() for n, b in v.items()}
    b_res = {(t, n): b for t, v in cdktf.get("resource", {}).items() for n, b in v.items()}
    for addr in sorted(set(a_res) - set(b_res)):
        problems.append(f"resource {'.'.join(addr)}: only pipectl")
    for addr in sorted(set(b_res) - set(a_res)):
        problems.append(f"resource {'.'.join(addr)}: only cdktf")
    for addr in sorted(set(a_res) & set(b_res)):
        t = addr[0]
        a = normalise(resolve_docs(t, a_res[addr]))
        b = normalise(resolve_docs(t, b_res[addr]))
        for key in [k for (rt, k) in IGNORED if rt == t]:
            a.pop(key, None)
            b.pop(key, None)
        diff(".".join(addr), a, b, problems)
    a_out, b_out = pipectl["output"], cdktf.get("output", {})
    for name in sorted(set(a_out) ^ set(b_out)):
        problems.append(f"output {name}: only {'pipectl' if name in a_out else 'cdktf'}")
    for name in sorted(set(a_out) & set(b_out)):
        diff(f"output.{name}", normalise(a_out[name]), normalise(b_out[name]), problems)

    for p in problems:
        print(p)
    print(f"{len(a_res)} pipectl resources, {len(b_res)} cdktf resources, "
          f"{len(a_out)}/{len(b_out)} outputs, {len(problems)} differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
