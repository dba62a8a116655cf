"""Writes the hostile inputs reported in issue 21 as fuzz regression files (<format>/<name>.bin), replayed by
FuzzRegressionTests. Inputs the fuzz harness itself finds are written beside them by tests/Dendrite.Fuzz.
Run with /usr/bin/python3 from this folder."""
import gzip, io, os, struct, zipfile

def put(fmt, name, data):
    os.makedirs(fmt, exist_ok=True)
    with open(os.path.join(fmt, name + ".bin"), "wb") as f:
        f.write(data)

def idx(magic, *dims):
    return struct.pack(">i", magic) + b"".join(struct.pack(">i", d) for d in dims)

def npy(header, data=b""):
    text = header.ljust(117) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text.encode("latin1") + data

huge = idx(0x0803, 2**31 - 1, 2**31 - 1, 2**31 - 1)          # product past 2^63: OverflowException
wrap = idx(0x0803, 1 << 22, 1 << 21, 1 << 21)                  # product 2^64 wraps to 0: accepted as empty
labels = idx(0x0801, 973_000_000)                              # 8 bytes promising 973 MB: allocated before the check
for name, data in [("issue21-dims-past-2-63", huge), ("issue21-dims-wrap-to-0", wrap), ("issue21-8-byte-labels", labels)]:
    put("idx", name, data)
    put("idx-gz", name, gzip.compress(data, mtime=0))

big = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (536870912, 3), }")   # 128 bytes promising 6.4 GB
put("npy", "issue21-6-gigabytes-promised", big)
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w") as z:
    z.writestr("x.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000000, 4), }", bytes(64)))
put("npz", "issue21-entry-promising-1-6-gigabytes", buffer.getvalue())

put("safetensors", "issue21-header-length-huge", struct.pack("<Q", 2**63 - 1) + b"{}")
put("safetensors", "shape-past-2-63", (lambda h: struct.pack("<Q", len(h)) + h)(
    b'{"w":{"dtype":"F32","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,0]}}'))

# YAML: 40,000 levels of nesting (stack overflow, exit 134) and an alias bomb (10^7 nodes from 457 bytes).
put("spec-yaml", "issue21-nested-40000-deep", ("a: " + "[" * 40000 + "]" * 40000 + "\n").encode())
bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
for k in range(1, 9):
    prev = chr(ord("a") + k - 1)
    cur = chr(ord("a") + k)
    bomb.append(f"{cur}: &{cur} [" + ", ".join(f"*{prev}" for _ in range(10)) + "]")
put("spec-yaml", "issue21-alias-bomb", ("\n".join(bomb) + "\n").encode())
put("spec-json", "nested-40000-deep", ("{\"model\": " + "[" * 40000 + "]" * 40000 + "}").encode())
