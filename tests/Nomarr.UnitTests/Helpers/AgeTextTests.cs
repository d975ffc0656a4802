using Nomarr.Helpers.Time;

namespace Nomarr.UnitTests.Helpers;

public class AgeTextTests
{
    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("90m", 90)]
    [InlineData("2w", 14 * 24 * 60)]
    [InlineData("0d", 0)]
    public void AnAgeIsANumberAndAUnit(string text, int minutes) => Assert.Equal(TimeSpan.FromMinutes(minutes), AgeText.Parse(text));

    [Theory]
    [InlineData("30")]
    [InlineData("d")]
    [InlineData("-1d")]
    [InlineData("3 days")]
    [InlineData("1.5h")]
    public void AnythingElseIsRefused(string text) => Assert.Throws<ArgumentException>(() => AgeText.Parse(text));
}
