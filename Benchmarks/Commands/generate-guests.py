#!/usr/bin/env python3
"""Writes a guest list for the command-level benchmarks: N rows, 8 columns, every row valid.

    python3 Benchmarks/Commands/generate-guests.py 1000000 /tmp/guests-1m.csv

Deterministic (a fixed seed), CRLF line ends and a UTF-8 BOM as Excel writes them, about 70 bytes a
row: names Latin and Japanese, unique e-mails, starts in 2030 at whole and half hours between 09:00
and 17:30 (no DST gap or overlap), zones as IANA ids, abbreviations, offsets and Windows names.
"""
import random
import sys

FIRST = ["Taro", "Hanako", "John", "Mary", "Zoë", "Jörg", "Ana", "Li", "Aiko", "Omar", "Priya", "Sven"]
LAST = ["Yamada", "Sato", "Smith", "Müller", "García", "Chen", "Suzuki", "Okafor", "Novak", "Kim"]
ZONES = ["Asia/Tokyo", "JST", "America/New_York", "Europe/Berlin", "+09:00", "UTC", "Tokyo Standard Time", "asia/tokyo"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises"]


def main() -> None:
    rows = int(sys.argv[1])
    path = sys.argv[2]
    rng = random.Random(42)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        out.write("Full Name,E-mail,Start,Time zone,Company,Phone,Notes,Tag\r\n")
        buf = []
        for i in range(rows):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            start = f"2030-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(9, 17):02d}:{rng.choice(('00', '30'))}"
            company = rng.choice(COMPANIES)
            if rng.randrange(10) == 0:
                company = f'"{company}, Inc."'
            buf.append(f"{name},guest{i}@example.com,{start},{rng.choice(ZONES)},{company},"
                       f"+81-90-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)},Seat {rng.randrange(500)},T{rng.randrange(100)}\r\n")
            if len(buf) >= 10000:
                out.write("".join(buf))
                buf.clear()
        out.write("".join(buf))


if __name__ == "__main__":
    main()
