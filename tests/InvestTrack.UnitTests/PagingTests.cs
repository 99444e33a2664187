using InvestTrack.Kernel;

namespace InvestTrack.UnitTests;

public class PagingTests
{
    [Theory]
    [InlineData(1, 50, 0)]
    [InlineData(0, 50, 0)]
    [InlineData(-3, 50, 0)]
    [InlineData(3, 50, 100)]
    [InlineData(42_949_673, 50, 2_147_483_600)]
    public void A_page_starts_after_the_rows_of_the_pages_before(int page, int size, int expected) => Assert.Equal(expected, Paging.Skip(page, size));

    [Theory]
    [InlineData(int.MaxValue, 50)]
    [InlineData(42_949_674, 50)]
    [InlineData(int.MaxValue, 1000)]
    public void A_page_beyond_any_list_has_no_offset_instead_of_a_wrapped_one(int page, int size) => Assert.Null(Paging.Skip(page, size));
}
