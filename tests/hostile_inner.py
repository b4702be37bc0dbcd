"""A compromised parser, as a test fixture: run by the real launcher in place of the sandboxed
program (tests/hostile_launch.py swaps it in; the shipped CLI has no switch for it).

``python hostile_inner.py MODE[:ARG] REQUEST`` does what MODE says to the staging area, the
journal pipe, its writable space, the kernel or the terminal, prints what happened as JSON on
standard output, and exits 0 as if all went well.  Standard library only.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import socket
import sys

STAGING = os.environ.get("SANDBOX_STAGING", "/staging")
REPORT: dict[str, object] = {}


def journal(record: dict[str, object] | bytes) -> None:
    fd = os.environ.get("SANDBOX_JOURNAL_FD")
    if fd is None:
        return
    line = record if isinstance(record, bytes) else (json.dumps(record) + "\n").encode()
    view = memoryview(line)
    while view:
        view = view[os.write(int(fd), view) :]


def done(*outputs: str) -> None:
    journal({"kind": "document", "input": "x.png", "status": "done", "outputs": list(outputs)})


def write(name: str, data: bytes = b"ok\n") -> None:
    with open(os.path.join(STAGING, name), "wb") as fh:
        fh.write(data)


def planted_link(target: str) -> None:
    os.symlink(target, os.path.join(STAGING, "x"))  # a folder of the host, as seen from outside
    done("x/key.txt")


def link_file(target: str) -> None:
    os.symlink(target, os.path.join(STAGING, "a.txt"))
    done("a.txt")


def fifo(_arg: str) -> None:
    os.mkfifo(os.path.join(STAGING, "a.txt"))
    done("a.txt")


def hardlink(_arg: str) -> None:
    write("a.txt")
    os.link(os.path.join(STAGING, "a.txt"), os.path.join(STAGING, "b.txt"))
    done("a.txt")


def forged_journal(_arg: str) -> None:
    write("real.txt")
    journal(b"{" + b"x" * (8 << 20) + b"\n")  # an 8 MB line
    journal(b"\xff\xfe not json\n")
    journal({"kind": "document", "status": "done", "outputs": "real.txt"})  # not a list
    journal({"kind": "document", "status": "done", "outputs": [["real.txt"]]})
    journal({"kind": "document", "status": "done", "outputs": ["../../escape.txt", "/etc/passwd"]})
    journal({"kind": "document", "status": "done", "outputs": [f"n{i}.txt" for i in range(100_000)]})
    done("real.txt")


def _fill(path: str, size: int) -> str:
    try:
        with open(path, "wb") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
                fh.flush()
        return "written"
    except OSError as exc:
        return errno.errorcode.get(exc.errno or 0, "?")


def fill(size: str) -> None:
    REPORT["staging"] = _fill(os.path.join(STAGING, "big.bin"), int(size))
    REPORT["tmp"] = _fill("/tmp/big.bin", int(size))
    os.unlink(os.path.join(STAGING, "big.bin"))
    write("small.txt")


X86_64 = {  # name → (number, arguments): each must fail with the errno the filter gives
    "ptrace": (101, (0, 0, 0, 0)),  # PTRACE_TRACEME
    "personality": (135, (0x0040000,)),  # ADDR_NO_RANDOMIZE
    "keyctl": (250, (0, 0, 0, 0)),
    "add_key": (248, (0, 0, 0, 0, 0)),
    "request_key": (249, (0, 0, 0, 0)),
    "bpf": (321, (0, 0, 0)),
    "userfaultfd": (323, (0,)),
    "perf_event_open": (298, (0, 0, 0, 0, 0)),
    "io_uring_setup": (425, (1, 0)),
    "mount": (165, (0, 0, 0, 0, 0)),
    "umount2": (166, (0, 0)),
    "pivot_root": (155, (0, 0)),
    "unshare": (272, (0x10000000,)),  # CLONE_NEWUSER
    "setns": (308, (0, 0)),
    "kexec_load": (246, (0, 0, 0, 0)),
    "init_module": (175, (0, 0, 0)),
    "clone3": (435, (0, 0)),
    "ioctl-TIOCSTI": (16, (0, 0x5412, 0)),
}


def syscalls(_arg: str) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    for name, (number, args) in X86_64.items():
        result = libc.syscall(number, *(ctypes.c_long(a) for a in args))
        REPORT[name] = errno.errorcode.get(ctypes.get_errno(), "?") if result == -1 else f"returned {result}"
    for family in ("AF_INET", "AF_INET6", "AF_NETLINK", "AF_PACKET", "AF_UNIX"):
        try:
            socket.socket(
                getattr(socket, family), socket.SOCK_DGRAM if family != "AF_PACKET" else socket.SOCK_RAW
            ).close()
            REPORT[family] = "opened"
        except OSError as exc:
            REPORT[family] = errno.errorcode.get(exc.errno or 0, "?")
    with open("/proc/self/status") as fh:
        status = dict(line.rstrip("\n").split(":\t", 1) for line in fh if ":\t" in line)
    REPORT["Seccomp"], REPORT["NoNewPrivs"] = status.get("Seccomp"), status.get("NoNewPrivs")
    for path in ("/tmp", STAGING):
        info = os.statvfs(path)
        REPORT[f"size {path}"] = info.f_blocks * info.f_frsize


def terminal(_arg: str) -> None:
    evil = b"\x1b]0;pwned-title\x07\x1b]52;c;cHduZWQ=\x07\x1b[6n\x1bP+q544e\x1b\\\x9b6n\xc2\x9b6n"
    os.write(2, b"progress \x1b[32mgreen\x1b[0m " + evil + b" end\n")
    os.write(1, b"stdout " + evil + b" end\n")


MODES = {
    "planted-link": planted_link, "link-file": link_file, "fifo": fifo, "hardlink": hardlink,
    "forged-journal": forged_journal, "fill": fill, "syscalls": syscalls, "terminal": terminal,
}  # fmt: skip

if __name__ == "__main__":
    mode, _, arg = sys.argv[1].partition(":")
    MODES[mode](arg)
    if REPORT:
        print(json.dumps(REPORT), flush=True)
    sys.exit(0)
