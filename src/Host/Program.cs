using Skein.Host;

await SkeinHost.Create(args).RunAsync();
