#!/usr/bin/env python3
"""Where the bytes of a wasm module go: per section, per crate, per function.

usage: scripts/wasm-breakdown.py MODULE.wasm [--top N] [--named NAMED.wasm] [--json OUT]

MODULE is the shipped module (dist/*_bg.wasm): its sections, raw and gzip -9 each.
For the code, the function names are needed: NAMED is the same module optimised with
names kept (`wasm-opt -Oz -g`; `make size-breakdown` builds it), whose function bodies
are grouped by crate (the first path segment of the demangled name; for `<T as
Trait>::f`, T's crate: the code that a generic instantiates for our types counts
under the generic's crate, e.g. tachys for a `view!`). "gzip" of a group is the
gzip -9 size of its function bodies concatenated, so the groups do not add up to
the section's gzip exactly (each group is compressed alone).

Python 3.9+, standard library only.
"""
import argparse
import gzip
import json
import re
import sys
from collections import defaultdict

SECTIONS = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
            6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data",
            12: "datacount", 13: "tag"}


def leb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def sections(buf):
    assert buf[:4] == b"\0asm", "not a wasm module"
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, body = leb(buf, pos + 1)
        name = SECTIONS.get(sid, str(sid))
        if sid == 0:
            n, p = leb(buf, body)
            name = "custom:" + buf[p:p + n].decode("utf-8", "replace")
        yield sid, name, buf[body:body + size], buf[pos:body + size]
        pos = body + size


def gz(data):
    return len(gzip.compress(data, 9, mtime=0))


def imported_functions(body):
    count, pos = leb(body, 0)
    funcs = 0
    for _ in range(count):
        for _ in range(2):  # module, field
            n, pos = leb(body, pos)
            pos += n
        kind = body[pos]
        pos += 1
        if kind == 0:
            _, pos = leb(body, pos)
            funcs += 1
        elif kind == 1:  # table: reftype + limits
            pos += 1
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 3:  # global: valtype + mut
            pos += 2
        elif kind == 4:  # tag
            pos += 1
            _, pos = leb(body, pos)
    return funcs


def function_names(body):
    names = {}
    pos = 0
    while pos < len(body):
        sub = body[pos]
        size, pos = leb(body, pos + 1)
        end = pos + size
        if sub == 1:
            count, p = leb(body, pos)
            for _ in range(count):
                idx, p = leb(body, p)
                n, p = leb(body, p)
                names[idx] = body[p:p + n].decode("utf-8", "replace")
                p += n
        pos = end
    return names


def code_bodies(body):
    count, pos = leb(body, 0)
    out = []
    for _ in range(count):
        size, p = leb(body, pos)
        out.append(body[p:p + size])
        pos = p + size
    return out


HASH = re.compile(r"(::h[0-9a-f]{16}|\[[0-9a-f]{16}\])")


PRIMITIVES = {"str", "char", "bool", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16",
              "i32", "i64", "i128", "isize", "f32", "f64"}


def self_type(n):
    """For `<T as Trait>::f` or `<T>::f`: (T, Trait or None)."""
    depth = 0
    for i, c in enumerate(n):
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
            if depth == 0:
                return n[1:i], None
        elif depth == 1 and n.startswith(" as ", i):
            rest = n[i + 4:]
            return n[1:i], re.match(r"[A-Za-z_][\w:]*", rest).group(0) if re.match(r"[A-Za-z_]", rest) else None
    return n[1:], None


def crate_of(name):
    """The crate a (demangled) function name belongs to."""
    n = HASH.sub("", name)
    trait = None
    # `<T as Trait>::f`, `<T>::f`: T's crate (`<&mut T as …>`: T's); for a generic or
    # primitive T, the trait's.
    while n.startswith("<"):
        n, tr = self_type(n)
        trait = trait or tr
        n = re.sub(r"^(&mut |&|\*const |\*mut |dyn |\(|\[)+", "", n)
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", n)
    if not m:
        return "core/alloc/std: other" if n.startswith("[") or n.startswith("(") else "(other)"
    first = m.group(0)
    if (len(first) == 1 or first in PRIMITIVES) and "::" not in n[:len(first) + 2]:
        if trait:
            return crate_of(trait)
        return "core/alloc/std: other" if first in PRIMITIVES else "(other)"
    if first in ("core", "alloc", "std"):
        # Split the standard library by what the code is for: drop glue and closure
        # shims are instantiated for our types; fmt is number and string formatting.
        if n.startswith("core::ptr::drop_in_place"):
            return "core: drop glue (drop_in_place)"
        if n.startswith("core::ops::function"):
            return "core: closure shims"
        if re.match(r"(core|alloc)::(fmt|num::flt2dec|num::fmt)", n):
            return "core: fmt (formatting)"
        return "core/alloc/std: other"
    if first in ("__rustc", "memcmp", "memcpy", "memset", "memmove") \
            or first.startswith("__") and first[2:5] in ("mul", "pow", "div", "ash", "lsh"):
        return "core/alloc/std: other"
    if first.startswith("__wbg") or first.startswith("__wbindgen") or first.startswith("__externref") \
            or first in ("wasm_bindgen", "Closure", "throw_error") or first.startswith("intounderlying"):
        return "wasm_bindgen"
    if first == "campaign_sim":
        parts = n.split("::")
        # campaign_sim::engine::doc::…, campaign_sim::ui::views::…
        return "::".join(parts[:3]) if parts[1] in ("engine", "ui") and len(parts) > 2 else "::".join(parts[:2])
    if re.fullmatch(r"(f|func|fn)?\d+", first):
        return "(unnamed)"
    if "::" not in n:
        return "(exports: wasm-bindgen shims, main)"
    return first


def rust_str(lit):
    """A Rust string literal's body as the text it stands for (\\u{..}, \\n, \\", \\\\)."""
    simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "'": "'", "\\": "\\"}

    def one(m):
        e = m.group(1)
        if e.startswith("u{"):
            return chr(int(e[2:-1], 16))
        if e.startswith("x"):
            return chr(int(e[1:], 16))
        return simple.get(e, e)

    return re.sub(r"\\(u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)", one, lit)


def ui_texts(blob):
    """The English and French texts of src/ui/i18n.rs's table found in the data."""
    try:
        src = open("src/ui/i18n.rs", encoding="utf-8").read()
    except OSError:
        return {}
    pairs = re.findall(r'\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)"\s*,?\s*\)', src)
    out = {}
    for i, lang in enumerate(("en", "fr")):
        found = [rust_str(p[i]).encode() for p in pairs]
        found = [t for t in found if t and t in blob]
        joined = b"".join(found)
        out[lang] = (len(found), len(joined), gz(joined))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("module")
    ap.add_argument("--named", help="the same module optimised with names (wasm-opt -Oz -g)")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--json", help="write the breakdown as JSON here")
    ap.add_argument("--blob", action="append", default=[], metavar="NAME=PATH",
                    help="a file compiled into the data (a table, a preset): found and sized")
    a = ap.parse_args()

    buf = open(a.module, "rb").read()
    report = {"module": a.module, "raw": len(buf), "gzip": gz(buf), "sections": []}
    print(f"{a.module}: {len(buf):,} bytes, {report['gzip']:,} gzip -9")
    print(f"{'section':<28}{'raw':>12}{'gzip -9':>12}")
    for sid, name, body, whole in sections(buf):
        row = {"section": name, "raw": len(whole), "gzip": gz(whole)}
        report["sections"].append(row)
        print(f"{name:<28}{row['raw']:>12,}{row['gzip']:>12,}")

    if a.named:
        nbuf = open(a.named, "rb").read()
        imports = 0
        names = {}
        bodies = []
        data = b""
        for sid, name, body, _ in sections(nbuf):
            if sid == 2:
                imports = imported_functions(body)
            elif sid == 10:
                bodies = code_bodies(body)
            elif sid == 11:
                data = body
            elif name == "custom:name":
                n, p = leb(body, 0)
                names = function_names(body[p + n:])
        groups = defaultdict(list)
        funcs = []
        for i, b in enumerate(bodies):
            fname = names.get(i + imports, f"func{i + imports}")
            funcs.append((len(b), fname))
            groups[crate_of(fname)].append(b)
        total = sum(len(b) for b in bodies)
        code_gz = gz(b"".join(bodies))
        print(f"\ncode of {a.named} by crate ({len(bodies):,} functions, {total:,} bytes, "
              f"{code_gz:,} gzip -9 together; the shipped code section is "
              f"{next((s['raw'] for s in report['sections'] if s['section'] == 'code'), 0):,})")
        print(f"{'crate / module':<40}{'functions':>10}{'raw':>11}{'%':>7}{'gzip -9':>10}")
        rows = []
        for crate, bs in groups.items():
            raw = sum(len(b) for b in bs)
            rows.append({"crate": crate, "functions": len(bs), "raw": raw, "gzip": gz(b"".join(bs))})
        rows.sort(key=lambda r: -r["raw"])
        for r in rows:
            print(f"{r['crate']:<40}{r['functions']:>10,}{r['raw']:>11,}{100 * r['raw'] / total:>6.1f}%{r['gzip']:>10,}")
        report["crates"] = rows
        print(f"\nlargest {a.top} functions")
        funcs.sort(reverse=True)
        for size, fname in funcs[:a.top]:
            short = HASH.sub("", fname)
            if len(short) > 150:
                short = short[:147] + "..."
            print(f"{size:>9,}  {short}")
        report["top"] = [{"raw": s, "name": HASH.sub("", f)} for s, f in funcs[:a.top]]
        if data:
            count, pos = leb(data, 0)
            segs = []
            for _ in range(count):
                flags, pos = leb(data, pos)
                if flags == 1:
                    pass
                else:
                    if flags == 2:
                        _, pos = leb(data, pos)
                    while data[pos] != 0x0B:  # the offset expression
                        pos += 1
                    pos += 1
                size, pos = leb(data, pos)
                segs.append(data[pos:pos + size])
                pos += size
            blob = b"".join(segs)
            print(f"\ndata: {len(segs)} segments, {len(blob):,} bytes, {gz(blob):,} gzip -9")
            report["data"] = {"raw": len(blob), "gzip": gz(blob), "blobs": []}
            for spec in a.blob:
                label, path = spec.split("=", 1)
                content = open(path, "rb").read()
                if content and content in blob:
                    row = {"blob": label, "raw": len(content), "gzip": gz(content)}
                    report["data"]["blobs"].append(row)
                    print(f"  {label:<38}{row['raw']:>11,}{row['gzip']:>10,}")
                else:
                    print(f"  {label:<38}{'not in the data':>21}")
            texts = ui_texts(blob)
            for lang, (count, raw, z) in texts.items():
                print(f"  UI texts, {lang} ({count} of i18n.rs){'':<11}{raw:>11,}{z:>10,}")
                report["data"]["blobs"].append({"blob": f"UI texts {lang}", "raw": raw, "gzip": z})
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
