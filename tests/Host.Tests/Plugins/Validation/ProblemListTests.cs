using Skein.Host.Plugins.Validation;

using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins.Validation;

public sealed class ProblemListTests
{
    [Fact]
    public void The_problem_list_is_capped_and_says_how_much_it_left_out()
    {
        var dll = TestAssemblies.WithEvilClass("""
            public static void A() => System.IO.File.Delete("a");
            public static void B() => System.IO.File.Delete("b");
            public static void C() => System.IO.File.Delete("c");
            public static void D() => System.IO.File.Delete("d");
            """);

        var result = ValidationAssert.Validate(dll, UploadKind.Dll, UploadLimits.Default with { MaxProblems = 2 });

        Assert.Equal(3, result.Problems.Count);
        Assert.Equal(UploadProblemCodes.TooManyProblems, result.Problems[^1].Code);
        Assert.Contains("2 more problems", result.Problems[^1].Message, StringComparison.Ordinal);
    }
}
