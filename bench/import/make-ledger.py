#!/usr/bin/env python3
"""Writes a 项目 ledger CSV of N valid rows (docs/import-format.md) for timing `import FILE`.

usage: bench/import/make-ledger.py ROWS SEED OUT.csv
Codes are B<SEED>-<n>, so each seed creates new projects once and re-imports as unchanged.
Every fifth investor repeats (companies matched within the file), credit codes carry a valid check character.
"""
import random, sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
UNITS = ["铁西区", "铁东区", "梨树县", "伊通满族自治县", "双辽市", "220300"]
PLACES = ["山东省济南市", "北京市", "吉林省长春市", "广东省深圳市", "俄罗斯", "香港", "浙江省杭州市"]
INDUSTRIES = ["新材料", "绿色能源", "数字经济", "仓储物流", ""]
HEADER = "项目编号,项目名称,投资方,统一社会信用代码,投资方所在地,所属单位,产业,计划总投资(万元),合同引资额(万元),签约类型,签约日期,开工日期,投产日期,状态,线索来源"

def credit_code(rng):
    body = "91" + "370100" + "".join(rng.choice(ALPHABET) for _ in range(9))
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]

def main(rows, seed, out):
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER + "\r\n")
        for n in range(1, rows + 1):
            company = n // 5 * 5
            cc = credit_code(random.Random(f"{seed}-{company}"))
            signed = rng.random() < 0.6
            started = signed and rng.random() < 0.5
            planned = f"{rng.randint(100, 2_000_000)}.{rng.randint(0, 99):02d}"
            f.write(",".join([
                f"B{seed}-{n:06d}", f"基准项目{seed}-{n}", f"基准投资方{seed}-{company}", cc, rng.choice(PLACES), rng.choice(UNITS),
                rng.choice(INDUSTRIES) if signed else "", planned, planned if signed else "", "项目合同" if signed else "",
                "2025-03-18" if signed else "", "2025-06-01" if started else "", "", "正常", "以商招商",
            ]) + "\r\n")

if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
