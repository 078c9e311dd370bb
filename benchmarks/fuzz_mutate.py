"""Mutations for the fuzzer: token-level (on text) and tree-level (on a drawn RA), plus noise.

Token-level mutations cut the text into the language's tokens (strings, numbers, sizes, names,
punctuation, comments, blanks) and delete, repeat, swap or replace them, so most mutants still
lex and reach the parser's error recovery or the decoder. Tree-level mutations change a drawn
project structurally (drop or repeat a block, move a key, retarget a reference, put a value of
another type, an operator where it does not belong, a block inside another) and re-render it,
so they reach the resolver, the rules and the graph with nearly-right input.
"""

from __future__ import annotations

import copy
import random
import re

from fuzz_tree import Attr, Block, RaFile, walk

TOKEN = re.compile(r'"""(?:.|\n)*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*|//[^\n]*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?'
                   r"(?:[ \t]?(?:[KMGTP]i?B|[MGT]bps))?|[A-Za-z_][A-Za-z0-9_]*|\.\.|\+=|-=|\s+|.", re.S)
# Values and tokens that are wrong in interesting ways: limits, wrong types, odd Unicode, nesting.
HOSTILE = ["-1", "0", "1e400", "-1e400", "99999999999999999999999", "9007199254740993", "1.5", "-0", '"x"',
           "true", "null", "128 GiB", "999999999 PiB", "0 GiB", "10 Gbps", "1..3", "3..1", "0..0", "[]", "{}",
           "[[[[[[1]]]]]]", "zz", "a.b.c.d", "optional(x)", "many(many(x))", "enum()", "list(list(int))",
           '""', '"\\u0000"', '"\\ud800"', '"\\x"', "0.0000001", "{a = {b = {c = 1}}}", "nova.compute",
           "roles.ctl0.count", '[1, "a", true]', '"10.0.0.0/33"', '"::/0"', '"256.1.1.1"', "\u00e9", "\u202e",
           "\ufeff", "import", "extends", "sealed", "modify", "remove", "component", "role", "count",
           '"""a\nb"""', "{", "}", "[", "]", "(", ")", "=", "+=", "-=", ",", ".", "..", "#", '"']
KEYS = ["count", "runs", "networks", "hardware", "cidr", "vlan", "mtu", "purpose", "gateway", "cores", "memory",
        "raid", "type", "default", "range", "min", "max", "quorum", "after", "provides", "requires", "sealed",
        "value", "spread", "bogus", "description", "conflicts", "allowed", "pattern", "bios", "ports"]


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def mutate_text(rng: random.Random, text: str, n: int = 0) -> str:
    """``n`` (1-4 when 0) token-level mutations of ``text``."""
    toks = tokens(text) or [""]
    for _ in range(n or rng.randint(1, 4)):
        if not toks:
            toks = [""]
        i, j = rng.randrange(len(toks)), rng.randrange(len(toks))
        op = rng.randrange(10)
        if op == 0:
            del toks[i]
        elif op == 1:
            toks.insert(i, toks[i])
        elif op == 2:
            toks[i], toks[j] = toks[j], toks[i]
        elif op == 3:
            toks[i] = toks[j]
        elif op == 4:
            toks[i] = rng.choice(HOSTILE)
        elif op == 5:
            toks.insert(i, " " + rng.choice(HOSTILE) + " ")
        elif op == 6:
            toks = toks[:i]
        elif op == 7 and toks[i]:
            k = rng.randrange(len(toks[i]))
            toks[i] = toks[i][:k] + chr(rng.choice([0, 9, 10, 34, 35, 92, 123, 125, 0xE9, 0x202E, 0xFFFF,
                                                    rng.randrange(32, 127)])) + toks[i][k + 1:]
        elif op == 8:  # repeat a stretch (a block or a list, often)
            a, b = sorted((i, j))
            toks[b:b] = toks[a:b + 1][: 200]
        else:
            depth = rng.choice([3, 20, 200])
            toks.insert(i, "[" * depth + "1" + "]" * rng.choice([depth, depth - 1]))
    return "".join(toks)


# Other legal (or nearly legal) values per key: they keep the input compiling more often than a
# random token does, so the targets see unusual models rather than the same diagnostics.
PERTURB = {
    "purpose": ["management", "public", "external", "bmc", "tenant", "storage", "other", "admin"],
    "cidr": ['"10.0.0.0/8"', '"10.1.2.3/32"', '"fd00::/8"', '"::1/128"', '"0.0.0.0/0"', '"192.168.1.0/31"',
             '"fe80::/10"', '"100.64.0.0/10"', '"10.0.0.0/30"'],
    "gateway": ['"10.0.0.1"', '"fd00::1"', '"10.255.255.255"', '"0.0.0.0"'],
    "vlan": ["1", "4094", "0", "4095", "100"],
    "mtu": ["576", "9216", "575", "9217", "1500"],
    # 100,000 (the language's maximum) is legal but is scale, not robustness: the generic ansible
    # flavour writes a host_vars file per node (100,056 files, about 14 s), past --timeout. The
    # scale of the targets is the benchmarks' business; the limit itself is still probed (100001).
    "count": ["0", "1", "2", "3", "1000", "100001"],
    "cores": ["1", "4096", "4097", "0"],
    "memory": ["1 KiB", "8 PiB", "9 PiB", "1 MB", "0 GiB", "1.5 GiB"],
    "spread": ["rack", "zone", "none"],
    "raid": ["none", "jbod", "raid0", "raid10", "raid6"],
    "bios": ['{ "odd key" = "x" }', '{ "" = 1 }', "{ virtualization = 1e308 }", "{ a = -0, b = true }",
             '{ boot_mode = "{{ lookup(\'pipe\', \'id\') }}" }', '{ "a.b" = "c: d" }', '{ x = "\u0000" }'],
    "version": ['"\u0000"', '"{{ x }}"', '"1.0\n---"', '""', '"%s"'],
    "guideline": ['"2020.06"', '"2015.03"', '"next"', '"../../etc/passwd"', '""'],
    "program": ["auto", "platform", "compute", "storage"],
    "addons": ["[]", "[dns]", "[dns, dns]", "[orchestration, dns]"],
}


def _values(blocks: list[Block]) -> list[str]:
    return [a.value for b, _ in walk(blocks) for a in b.attrs] or ["1"]


def mutate_tree(rng: random.Random, files: list[RaFile], n: int = 0) -> None:
    """``n`` (1-3 when 0) structural mutations, in place, of the blocks of ``files``."""
    for _ in range(n or rng.randint(1, 3)):
        f = rng.choice(files)
        entries = list(walk(f.blocks))
        op = rng.randrange(15)
        if not entries or op == 0:
            f.blocks.append(Block(rng.choice(["role", "network", "component", "configure", "modify role",
                                              "remove role", "zz"]), [rng.choice(["x", "ctl0", "mgmt", "nova"])],
                                  [Attr(rng.choice(KEYS), rng.choice(HOSTILE))]))
            continue
        block, holder = rng.choice(entries)
        if op == 1:
            holder.remove(block)
        elif op == 2:
            holder.append(copy.deepcopy(block))
        elif op == 3 and block.attrs:
            block.attrs.pop(rng.randrange(len(block.attrs)))
        elif op == 4 and block.attrs:
            block.attrs.append(copy.copy(rng.choice(block.attrs)))  # a key twice
        elif op == 5 and block.attrs:
            other, _ = rng.choice(entries)
            other.attrs.append(block.attrs.pop(rng.randrange(len(block.attrs))))
        elif op == 6 and block.attrs:
            rng.choice(block.attrs).value = rng.choice(HOSTILE + _values(f.blocks))
        elif op == 7 and block.attrs:
            rng.choice(block.attrs).op = rng.choice(["+=", "-="])
        elif op == 8:
            other, _ = rng.choice(entries)
            if other is not block:
                holder.remove(block)
                other.children.append(block)
        elif op == 9 and block.labels:
            block.labels[0] = rng.choice(["x", "ctl0", "mgmt", "nova", "keystone", "hw0", "ui0", "u0_svc",
                                          block.labels[0] + "2", "import", '"quoted"'])
        elif op == 10:
            block.attrs.append(Attr(rng.choice(KEYS), rng.choice(HOSTILE + _values(f.blocks))))
        elif op == 11:
            block.attrs.append(Attr("sealed", rng.choice(["true", "[count]", "[hardware, runs]", "[zz]", "1"])))
        else:  # ops 12-14: another value of the same key (the commonest: the input often still compiles)
            keyed = [(b, a) for b, _ in entries for a in b.attrs if a.key in PERTURB]
            if keyed:
                _b, attr = rng.choice(keyed)
                attr.value = rng.choice(PERTURB[attr.key])
        if rng.random() < 0.1:
            f.headers.append(rng.choice(["import openstack", "import lib.ext", "import main", "import base",
                                         "extends base", "extends main", 'extends "../x.ra"', "import nope.x"]))


# --- noise: inputs that are not RAs at all ------------------------------------------------------

SOUP = ["{", "}", "[", "]", "(", ")", "=", "+=", "-=", "..", ",", ".", '"', '"""', "\n", "#", "//", "import",
        "extends", "true", "false", "null", "128 GiB", "10 Gbps", "0", "-1", "3", "1.5", "1e400", '"x"',
        "component", "role", "network", "hardware", "parameter", "configure", "interface", "architecture",
        "output", "interop", "connect", "modify", "remove", "openstack", "nova", "a", "count", "runs",
        "provides", "requires", "type", "default", "optional", "many", "\u00e9", "\u202e"]


def noise(rng: random.Random) -> str | bytes:
    """Arbitrary printable text, Unicode, bytes, or a soup of the language's tokens."""
    kind = rng.randrange(4)
    if kind == 0:
        return "".join(chr(rng.choice([rng.randrange(32, 127), 10, 9])) for _ in range(rng.randrange(400)))
    if kind == 1:
        return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(200)))
    if kind == 2:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(300)))
    return rng.choice([" ", "\n", ""]).join(rng.choice(SOUP) for _ in range(rng.randrange(80)))
