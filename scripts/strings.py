#!/usr/bin/env python3
"""Adds or updates UI strings in a pair of resource files (Chinese default + English).

usage: scripts/strings.py src/InvestTrack/Resources/SharedResource  KEY  "中文"  "English"  [KEY ZH EN ...]
       scripts/strings.py BASE --tsv FILE      (lines: KEY<TAB>中文<TAB>English)
Writes BASE.resx (zh-CN, the neutral language) and BASE.en.resx, sorted by key.
"""
import sys, os
import xml.etree.ElementTree as ET

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def load(path):
    if not os.path.exists(path):
        return {}
    root = ET.parse(path).getroot()
    return {d.get('name'): (d.find('value').text or '') for d in root.findall('data')}

def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')

def save(path, entries):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k in sorted(entries):
            f.write(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>\n')
        f.write('</root>\n')

def main(argv):
    base, rest = argv[0], argv[1:]
    triples = []
    if rest and rest[0] == '--tsv':
        for line in open(rest[1], encoding='utf-8'):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            k, zh, en = line.split('\t')
            triples.append((k, zh, en))
    else:
        if len(rest) % 3:
            sys.exit('give KEY ZH EN triples')
        triples = [tuple(rest[i:i + 3]) for i in range(0, len(rest), 3)]
    zh, en = load(base + '.resx'), load(base + '.en.resx')
    for k, z, e in triples:
        zh[k], en[k] = z, e
    save(base + '.resx', zh)
    save(base + '.en.resx', en)

if __name__ == '__main__':
    main(sys.argv[1:])
