using InvestTrack.Features.Companies;

namespace InvestTrack.UnitTests.Companies;

public class DuplicateFinderTests
{
    private static DuplicateReason? ReasonFor(List<CandidatePair> pairs, int a, int b) =>
        pairs.SingleOrDefault(p => (p.FirstId, p.SecondId) == (Math.Min(a, b), Math.Max(a, b)))?.Reason;

    [Fact]
    public void Each_kind_of_duplicate_is_found_with_its_reason()
    {
        NameEntry[] companies =
        [
            new(1, "吉林省酿造科技有限公司", "91220100MA0000001X"),
            new(2, "吉林酿造科技股份公司", "91220100ma0000001x"),          // same code, other case
            new(3, "比亚迪汽车工业有限公司", null),
            new(4, "比亚迪 汽车工业（集团）有限责任公司", null),            // same normalized name
            new(5, "四平新能源科技有限公司", null),
            new(6, "四平新能源技术有限公司", null),                       // two edits apart
            new(7, "京东物流股份有限公司", null),
            new(8, "北京京东物流供应链有限公司", null),                    // contains 京东物流
            new(9, "长春冷链运输有限公司", null),                         // unrelated
            new(10, "华为", null),                                        // too short to count as contained
            new(11, "华为终端有限公司", null),
        ];
        var pairs = DuplicateFinder.Find(companies);
        Assert.Equal(DuplicateReason.SameCreditCode, ReasonFor(pairs, 1, 2));
        Assert.Equal(DuplicateReason.SameName, ReasonFor(pairs, 3, 4));
        Assert.Equal(DuplicateReason.NearName, ReasonFor(pairs, 5, 6));
        Assert.Equal(DuplicateReason.NameContains, ReasonFor(pairs, 7, 8));
        Assert.DoesNotContain(pairs, p => p.FirstId == 9 || p.SecondId == 9);
        Assert.Null(ReasonFor(pairs, 10, 11));
        Assert.Equal(4, pairs.Count);
    }

    [Fact]
    public void Near_names_are_compared_within_blocks_only_and_short_names_are_skipped()
    {
        // Differ in the first two characters, but share the end: found through the suffix block.
        var near = DuplicateFinder.NearKeys(["甲乙新能源科技", "丙乙新能源科技", "新能源科技"]).ToList();
        Assert.Contains(("丙乙新能源科技", "甲乙新能源科技"), near);
        // Under six characters edit distance is not used.
        Assert.Empty(DuplicateFinder.NearKeys(["华为技术", "华为科技"]));
    }

    [Fact]
    public void A_near_pair_is_found_among_a_hundred_thousand_companies()
    {
        var random = new Random(42);
        const string chars = "安北长城德东发丰光广国海恒华吉嘉金京康科蓝利联龙美明南鹏平荣瑞盛顺泰天通万伟祥新鑫信兴阳业益永宇元源远泽正智中";
        var companies = Enumerable.Range(1, 100_000).Select(i =>
            new NameEntry(i, new string(Enumerable.Range(0, 8).Select(_ => chars[random.Next(chars.Length)]).ToArray()) + "有限公司", null)).ToList();
        companies.Add(new NameEntry(200_001, "四平市新能源汽车零部件有限公司", null));
        companies.Add(new NameEntry(200_002, "四平新能源汽车零部件有限公司", null));
        // How fast is measured in bench/ (`duplicates`), never here: a timed test fails on a busy machine.
        var pairs = DuplicateFinder.Find(companies);
        Assert.Contains(pairs, p => p.FirstId == 200_001 && p.SecondId == 200_002);
    }
}
