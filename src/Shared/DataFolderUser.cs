namespace Skein.Shared;

/// <summary>The program taking a data folder's lock, as a refusal names it: "Skein host" and <c>--Skein:DataDir</c>.</summary>
internal sealed record DataFolderUser(string Program, string Setting)
{
    public static readonly DataFolderUser Host = new("Skein host", "--Skein:DataDir");

    public static readonly DataFolderUser Router = new("Skein router", "--Router:DataDir");
}
